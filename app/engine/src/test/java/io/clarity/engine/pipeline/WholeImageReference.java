package io.clarity.engine.pipeline;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.color.YCbCr;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

/**
 * What tiling must reproduce: the model run once on the whole image, extended by its halo with
 * {@link SymmetricBorder}, with the halo cropped off the output again.
 */
final class WholeImageReference {
    private WholeImageReference() {
    }

    static FloatImage pad(FloatImage image, int halo) {
        int w = image.width() + 2 * halo;
        int h = image.height() + 2 * halo;
        int c = image.channels();
        FloatImage out = new FloatImage(w, h, c);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = SymmetricBorder.index(x - halo, image.width());
                int sy = SymmetricBorder.index(y - halo, image.height());
                for (int ch = 0; ch < c; ch++) {
                    out.set(x, y, ch, image.get(sx, sy, ch));
                }
            }
        }
        return out;
    }

    static FloatImage crop(FloatImage image, int x0, int y0, int w, int h) {
        FloatImage out = new FloatImage(w, h, image.channels());
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), ((y0 + y) * image.width() + x0) * image.channels(),
                    out.data(), y * w * image.channels(), w * image.channels());
        }
        return out;
    }

    /** The model (free shape) on the whole padded image, cropped back to {@code scale ×} the image. */
    static FloatImage upscale(SuperResolutionModel model, FloatImage image) throws Exception {
        int halo = model.spec().halo();
        int s = model.spec().scale();
        FloatImage out = model.upscale(pad(image, halo));
        return crop(out, halo * s, halo * s, image.width() * s, image.height() * s);
    }

    /** The 8-bit result the engine must produce, computed on the whole image with the engine's colour code. */
    static ArgbImage enhance(SuperResolutionModel model, ArgbImage image, boolean alpha) throws Exception {
        ModelSpec spec = model.spec();
        int s = spec.scale();
        boolean luma = spec.channels() == ModelSpec.Channels.Y;
        int n = image.width() * image.height();
        FloatImage planes = new FloatImage(image.width(), image.height(), luma ? 1 : 3);
        FloatImage side = new FloatImage(image.width(), image.height(), 3);
        for (int i = 0; i < n; i++) {
            int p = image.pixels()[i];
            float r = (p >> 16) & 0xff;
            float g = (p >> 8) & 0xff;
            float b = p & 0xff;
            if (luma) {
                planes.data()[i] = YCbCr.luma(r, g, b) / 255f;
            } else {
                planes.data()[i * 3] = r / 255f;
                planes.data()[i * 3 + 1] = g / 255f;
                planes.data()[i * 3 + 2] = b / 255f;
            }
            side.data()[i * 3] = YCbCr.blueChroma(r, g, b);
            side.data()[i * 3 + 1] = YCbCr.redChroma(r, g, b);
            side.data()[i * 3 + 2] = p >>> 24;
        }
        float[] m = upscale(model, planes).data();
        float[] up = BicubicResampler.upscale(side, s).data();
        ArgbImage out = new ArgbImage(image.width() * s, image.height() * s);
        for (int i = 0; i < out.pixels().length; i++) {
            int r;
            int g;
            int b;
            if (luma) {
                float y = m[i] * 255f;
                r = YCbCr.toByte(YCbCr.red(y, up[i * 3], up[i * 3 + 1]));
                g = YCbCr.toByte(YCbCr.green(y, up[i * 3], up[i * 3 + 1]));
                b = YCbCr.toByte(YCbCr.blue(y, up[i * 3], up[i * 3 + 1]));
            } else {
                r = YCbCr.toByte(m[i * 3] * 255f);
                g = YCbCr.toByte(m[i * 3 + 1] * 255f);
                b = YCbCr.toByte(m[i * 3 + 2] * 255f);
            }
            int a = alpha ? YCbCr.toByte(up[i * 3 + 2]) : 255;
            out.pixels()[i] = (a << 24) | (r << 16) | (g << 8) | b;
        }
        return out;
    }

    static ArgbImage randomImage(java.util.Random random, int width, int height, boolean alpha) {
        ArgbImage image = new ArgbImage(width, height);
        for (int i = 0; i < image.pixels().length; i++) {
            int p = random.nextInt();
            image.pixels()[i] = alpha ? p : p | 0xff000000;
        }
        return image;
    }
}
