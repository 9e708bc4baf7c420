package io.clarity.engine.degradation;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.BaselineJpegDecoder;
import org.junit.Test;

import java.io.IOException;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The blind estimate on synthetic inputs of known strength; tolerances are what issue #14's report quotes. */
public class DegradationEstimateTest {

    @Test
    public void noiseLevelOfAPiecewiseSmoothSceneIsWithinTenPercent() {
        ArgbImage clean = scene(256, 256, 1);
        assertTrue("clean " + DegradationEstimate.noiseSigma(clean), DegradationEstimate.noiseSigma(clean) < 0.7);
        for (double sigma : new double[] {2, 4, 8, 12, 20}) {
            for (boolean gray : new boolean[] {false, true}) {
                double estimate = DegradationEstimate.noiseSigma(noisy(clean, sigma, gray, 5));
                assertEquals("σ " + sigma + (gray ? " gray" : " colour"), sigma, estimate, 0.1 * sigma + 0.2);
            }
        }
    }

    @Test
    public void blurOfGaussianEdgesIsWithinAFifthOfAPixel() {
        for (double sigma : new double[] {0.8, 1.2, 1.6, 2.4}) {
            for (boolean transposed : new boolean[] {false, true}) {
                assertEquals("σ " + sigma, sigma, DegradationEstimate.blurSigma(edges(128, sigma, transposed)), 0.15);
            }
        }
        assertEquals(3.2, DegradationEstimate.blurSigma(edges(128, 3.2, false)), 0.32);
        assertTrue(DegradationEstimate.blurSigma(edges(128, 0.4, true)) < 0.7);
    }

    @Test
    public void blurIsReadThroughModerateNoise() {
        Random random = new Random(3);
        ArgbImage edges = edges(160, 1.6, false);
        ArgbImage noisy = noisy(edges, 2, false, random.nextLong());
        assertEquals(1.6, DegradationEstimate.blurSigma(noisy), 0.25);
    }

    @Test
    public void strengthIsZeroOnLightDegradationsAndRisesToOneOnHeavyOnes() throws IOException {
        ArgbImage clean = scene(128, 128, 2);
        byte[] none = new byte[0];
        assertEquals(0f, DegradationEstimate.of(clean, none).strength(), 0f);
        assertEquals(0f, DegradationEstimate.of(noisy(clean, 3, false, 1), none).strength(), 0f);
        assertEquals(1f, DegradationEstimate.of(noisy(clean, 20, false, 1), none).strength(), 0f);
        float mid = DegradationEstimate.of(noisy(clean, 7, false, 1), none).strength();
        assertTrue("σ 7: " + mid, mid > 0.2f && mid < 0.8f);
        byte[] q95 = JpegQualityTest.encode(clean, 95, StreamingJpegWriter.Subsampling.YUV420);
        byte[] q30 = JpegQualityTest.encode(clean, 30, StreamingJpegWriter.Subsampling.YUV420);
        assertEquals(0f, DegradationEstimate.of(clean, q95).strength(), 0f);
        assertEquals(1f, DegradationEstimate.of(clean, q30).strength(), 0f);
        assertEquals(1f, DegradationEstimate.of(edges(128, 3.2, false), none).strength(), 0f);
    }

    @Test
    public void aPhotoBothCompressedAtQ80AndNoisyGetsAnIntermediateStrength() throws IOException {
        ArgbImage noisy = noisy(scene(128, 128, 2), 4, false, 3);
        byte[] q80 = JpegQualityTest.encode(noisy, 80, StreamingJpegWriter.Subsampling.YUV420);
        DegradationEstimate estimate = DegradationEstimate.of(decode(q80), q80);
        assertEquals(80, estimate.jpegQuality().orElseThrow().quality());
        assertTrue(estimate.toString(), estimate.strength() > 0.1f && estimate.strength() < 0.6f);
        byte[] q70 = JpegQualityTest.encode(noisy, 70, StreamingJpegWriter.Subsampling.YUV420);
        assertTrue("lower quality, more cleaning",
                DegradationEstimate.of(decode(q70), q70).strength() > estimate.strength());
    }

    private static ArgbImage decode(byte[] jpeg) throws IOException {
        return BaselineJpegDecoder.decode(jpeg, 1 << 20).image;
    }

    /** Smooth colour ramps with a few sharp-edged discs: flat enough for noise, edged enough for blur. */
    static ArgbImage scene(int w, int h, long seed) {
        Random random = new Random(seed);
        double[][] discs = new double[6][];
        for (int i = 0; i < discs.length; i++) {
            discs[i] = new double[] {random.nextDouble() * w, random.nextDouble() * h, 4 + random.nextDouble() * w / 6,
                    40 + random.nextDouble() * 150};
        }
        ArgbImage image = new ArgbImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 60 + 120.0 * x / w;
                double g = 50 + 100.0 * y / h;
                double b = 140 - 60.0 * (x + y) / (w + h);
                for (double[] d : discs) {
                    if (Math.hypot(x - d[0], y - d[1]) < d[2]) {
                        r = d[3];
                        g = 255 - d[3];
                    }
                }
                image.set(x, y, 0xff000000 | (int) r << 16 | (int) g << 8 | (int) b);
            }
        }
        return image;
    }

    /** Step edges of one Gaussian σ at varied sub-pixel offsets, vertical ones, or horizontal ones if transposed. */
    static ArgbImage edges(int side, double sigma, boolean transposed) {
        ArgbImage image = new ArgbImage(side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int t = transposed ? y : x;
                int along = transposed ? x : y;
                double edge = (t / 32) * 32 + 16 - 0.5 + 0.37 * (along % 3);
                double f = DegradationEstimate.phi((t - edge) / sigma);
                int v = (int) Math.round(60 + 140 * ((t / 32) % 2 == 0 ? f : 1 - f));
                image.set(x, y, 0xff000000 | v * 0x010101);
            }
        }
        return image;
    }

    static ArgbImage noisy(ArgbImage clean, double sigma, boolean gray, long seed) {
        Random random = new Random(seed);
        int[] px = clean.pixels();
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            double shared = random.nextGaussian();
            int argb = 0xff000000;
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                double v = ((px[i] >> shift) & 0xff) + sigma * (gray ? shared : random.nextGaussian());
                argb |= (int) Math.max(0, Math.min(255, Math.round(v))) << shift;
            }
            out[i] = argb;
        }
        return new ArgbImage(clean.width(), clean.height(), out);
    }
}
