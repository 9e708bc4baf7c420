package io.clarity.engine.pipeline;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.color.YCbCr;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.tiling.Tile;
import io.clarity.engine.tiling.TileAssembler;

/**
 * Turns one tile of 8-bit source pixels into 8-bit output pixels: gathers the tile's input (mirrored past
 * the image border), converts it to the model's planes, runs the model, upscales what the model does not
 * see (Cb/Cr for Y models, alpha) bicubically, and writes the tile's core into the output band.
 * Stateless; safe to share between workers.
 */
final class TileRenderer {
    private final int imageWidth;
    private final int imageHeight;
    private final int scale;
    private final boolean lumaOnly;
    private final boolean alpha;

    TileRenderer(int imageWidth, int imageHeight, ModelSpec spec, boolean alpha) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.scale = spec.scale();
        this.lumaOnly = spec.channels() == ModelSpec.Channels.Y;
        this.alpha = alpha;
    }

    /** Whether tiles need at least {@link BicubicResampler#RADIUS} of halo for the bicubic planes. */
    static boolean needsBicubicHalo(ModelSpec spec, boolean alpha) {
        return alpha || spec.channels() == ModelSpec.Channels.Y;
    }

    /**
     * Renders {@code tile}. {@code source} holds full-width image rows from {@code sourceTop} on and must
     * contain every row the tile's input mirrors to; {@code output} holds output rows from {@code outputTop}.
     *
     * @return nanoseconds spent inside the model
     */
    long render(SuperResolutionModel model, Tile tile, ArgbImage source, int sourceTop, ArgbImage output,
                int outputTop) throws Exception {
        Region in = tile.input();
        int tw = in.width();
        int th = in.height();
        int modelChannels = lumaOnly ? 1 : 3;
        int sideChannels = (lumaOnly ? 2 : 0) + (alpha ? 1 : 0);
        float[] planes = new float[tw * th * modelChannels];
        float[] side = sideChannels == 0 ? null : new float[tw * th * sideChannels];
        int[] columns = new int[tw];
        for (int tx = 0; tx < tw; tx++) {
            columns[tx] = SymmetricBorder.index(in.x() + tx, imageWidth);
        }
        int[] px = source.pixels();
        for (int ty = 0; ty < th; ty++) {
            int rowOffset = (SymmetricBorder.index(in.y() + ty, imageHeight) - sourceTop) * imageWidth;
            for (int tx = 0; tx < tw; tx++) {
                int p = px[rowOffset + columns[tx]];
                float r = (p >> 16) & 0xff;
                float g = (p >> 8) & 0xff;
                float b = p & 0xff;
                int i = ty * tw + tx;
                if (lumaOnly) {
                    planes[i] = YCbCr.luma(r, g, b) / 255f;
                    side[i * sideChannels] = YCbCr.blueChroma(r, g, b);
                    side[i * sideChannels + 1] = YCbCr.redChroma(r, g, b);
                } else {
                    planes[i * 3] = r / 255f;
                    planes[i * 3 + 1] = g / 255f;
                    planes[i * 3 + 2] = b / 255f;
                }
                if (alpha) {
                    side[i * sideChannels + sideChannels - 1] = p >>> 24;
                }
            }
        }
        long start = System.nanoTime();
        FloatImage upscaled = model.upscale(new FloatImage(tw, th, modelChannels, planes));
        long modelNanos = System.nanoTime() - start;
        if (upscaled.width() != tw * scale || upscaled.height() != th * scale || upscaled.channels() != modelChannels) {
            throw new IllegalStateException("model " + model.spec().name() + " turned a " + tw + "x" + th + "x" + modelChannels
                    + " tile into " + upscaled.width() + "x" + upscaled.height() + "x" + upscaled.channels()
                    + ", expected x" + scale);
        }
        FloatImage sideUpscaled = side == null ? null
                : BicubicResampler.upscale(new FloatImage(tw, th, sideChannels, side), scale);
        writeCore(tile, upscaled, sideUpscaled, sideChannels, output, outputTop);
        return modelNanos;
    }

    private void writeCore(Tile tile, FloatImage upscaled, FloatImage sideUpscaled, int sideChannels,
                           ArgbImage output, int outputTop) {
        Region kept = TileAssembler.keptRegion(tile, scale);
        Region dest = TileAssembler.outputRegion(tile, scale);
        float[] m = upscaled.data();
        float[] s = sideUpscaled == null ? null : sideUpscaled.data();
        int upscaledWidth = upscaled.width();
        int[] out = output.pixels();
        int outWidth = output.width();
        for (int y = 0; y < kept.height(); y++) {
            int srcRow = (kept.y() + y) * upscaledWidth + kept.x();
            int dst = (dest.y() - outputTop + y) * outWidth + dest.x();
            for (int x = 0; x < kept.width(); x++) {
                int i = srcRow + x;
                int r;
                int g;
                int b;
                if (lumaOnly) {
                    float luma = m[i] * 255f;
                    float cb = s[i * sideChannels];
                    float cr = s[i * sideChannels + 1];
                    r = YCbCr.toByte(YCbCr.red(luma, cb, cr));
                    g = YCbCr.toByte(YCbCr.green(luma, cb, cr));
                    b = YCbCr.toByte(YCbCr.blue(luma, cb, cr));
                } else {
                    r = YCbCr.toByte(m[i * 3] * 255f);
                    g = YCbCr.toByte(m[i * 3 + 1] * 255f);
                    b = YCbCr.toByte(m[i * 3 + 2] * 255f);
                }
                int a = alpha ? YCbCr.toByte(s[i * sideChannels + sideChannels - 1]) : 255;
                out[dst + x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
    }
}
