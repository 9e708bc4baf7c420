package io.clarity.engine.color;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import io.clarity.engine.image.FloatImage;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.Test;

/**
 * The resampler reproduces the published bicubic baseline on Set5 (SRCNN's table: 33.66 / 30.39 / 28.42 dB
 * for x2 / x3 / x4) with SRCNN's protocol: Y of the 8-bit image rounded to 8 bits, cropped to a multiple of
 * the scale, imresize down and up on floats, rounded to 8 bits, {@code scale} pixels shaved off each border.
 */
public class PublishedBicubicTest {

    /** {@code shared/data} beside the checkout, found by walking up from the working directory; or null. */
    static File sharedData() {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            File data = new File(dir, "shared/data");
            if (data.isDirectory()) {
                return data;
            }
        }
        return null;
    }

    /** Y in 0..255, rounded to 8 bits as MATLAB's rgb2ycbcr does for uint8 input; cropped to a multiple of scale. */
    static FloatImage luma8(File file, int scale) throws IOException {
        BufferedImage image = ImageIO.read(file);
        int w = image.getWidth() - image.getWidth() % scale;
        int h = image.getHeight() - image.getHeight() % scale;
        float[] y = new float[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = image.getRGB(i, j);
                y[j * w + i] = Math.round(YCbCr.luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff));
            }
        }
        return new FloatImage(w, h, 1, y);
    }

    static double psnr8(FloatImage truth, FloatImage estimate, int shave) {
        double sum = 0;
        long n = 0;
        for (int j = shave; j < truth.height() - shave; j++) {
            for (int i = shave; i < truth.width() - shave; i++) {
                double d = truth.get(i, j, 0) - Math.min(255, Math.max(0, Math.round(estimate.get(i, j, 0))));
                sum += d * d;
                n++;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / n));
    }

    @Test
    public void reproducesPublishedSet5BicubicPsnr() throws IOException {
        File data = sharedData();
        File set5 = data == null ? null : new File(data, "bench/Set5");
        assumeTrue("shared/data/bench/Set5 not found beside the checkout", set5 != null && set5.isDirectory());
        File[] files = set5.listFiles((d, name) -> name.endsWith(".png"));
        assertEquals(5, files.length);
        double[] published = {33.66, 30.39, 28.42};
        for (int scale = 2; scale <= 4; scale++) {
            double sum = 0;
            for (File file : files) {
                FloatImage hr = luma8(file, scale);
                FloatImage up = BicubicResampler.resize(BicubicResampler.resize(hr, 1.0 / scale), scale);
                sum += psnr8(hr, up, scale);
            }
            double psnr = sum / files.length;
            // Published to two decimals: ours must round to the same figure.
            assertEquals("Set5 bicubic x" + scale + ": " + psnr, published[scale - 2], psnr, 0.005);
        }
    }
}
