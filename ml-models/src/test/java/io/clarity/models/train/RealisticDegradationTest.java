package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;
import io.clarity.models.eval.Evaluator;
import org.junit.Test;

import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class RealisticDegradationTest {
    /** A sharp synthetic scene: a checkerboard of 3-pixel squares in two colours plus a gradient. */
    private static ArgbImage scene(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean on = ((x / 3) + (y / 3)) % 2 == 0;
                int g = 40 + (x * 150) / w;
                px[y * w + x] = 0xff000000 | (on ? 220 : 30) << 16 | g << 8 | (on ? 60 : 200);
            }
        }
        return new ArgbImage(w, h, px);
    }

    @Test
    public void sameDrawDegradesIdenticallyAndShrinksByTheScale() {
        ArgbImage hr = scene(48, 36);
        RealisticDegradation a = RealisticDegradation.sample(new Random(9));
        RealisticDegradation b = RealisticDegradation.sample(new Random(9));
        ArgbImage lr = a.apply(hr, 4);
        assertEquals(12, lr.width());
        assertEquals(9, lr.height());
        assertArrayEquals(lr.pixels(), b.apply(hr, 4).pixels());
        assertEquals(a.toString(), b.toString());
    }

    @Test
    public void withoutBlurNoiseOrJpegItIsTheBenchmarksBicubicDownscale() {
        ArgbImage hr = scene(40, 32);
        RealisticDegradation none = new RealisticDegradation(0, 0, 0, false, 0, false, false, 0, 1);
        assertArrayEquals(Evaluator.lowResolution(hr, 2).pixels(), none.apply(hr, 2).pixels());
    }

    @Test
    public void blurRemovesDetailThatPlainDownscalingKeeps() {
        ArgbImage hr = scene(60, 60);
        RealisticDegradation plain = new RealisticDegradation(0, 0, 0, true, 0, false, false, 0, 1);
        RealisticDegradation blurred = new RealisticDegradation(2.5, 2.5, 0, true, 0, false, false, 0, 1);
        assertTrue(contrast(blurred.apply(hr, 2)) < 0.5 * contrast(plain.apply(hr, 2)));
    }

    @Test
    public void noiseAndJpegChangePixelsWithinPlausibleBounds() {
        ArgbImage hr = scene(64, 64);
        ArgbImage clean = new RealisticDegradation(0, 0, 0, true, 0, false, false, 0, 1).apply(hr, 2);
        ArgbImage noisy = new RealisticDegradation(0, 0, 0, true, 10, false, false, 0, 5).apply(hr, 2);
        double noiseRms = rms(clean, noisy);
        assertTrue("noise rms " + noiseRms, noiseRms > 6 && noiseRms < 12);
        // JPEG on a smooth image: visible blocking, but nothing like the noise above.
        ArgbImage smooth = new ArgbImage(64, 64, gradient(64, 64));
        RealisticDegradation jpegOnly = new RealisticDegradation(0, 0, 0, true, 0, false, false, 30, 1);
        double jpegRms = rms(new RealisticDegradation(0, 0, 0, true, 0, false, false, 0, 1).apply(smooth, 2),
                jpegOnly.apply(smooth, 2));
        assertTrue("jpeg rms " + jpegRms, jpegRms > 0.2 && jpegRms < 5);
    }

    @Test
    public void theJpegSpreadIsAThirdCleanAndOtherwiseMostlyLightJpeg() {
        Random random = new Random(14);
        int clean = 0;
        int jpeg = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            RealisticDegradation d = RealisticDegradation.Spread.named("jpeg").draw(random);
            boolean none = d.sigmaX == 0 && d.sigmaY == 0 && d.noiseSigma == 0 && d.jpegQuality == 0 && !d.areaDownscale;
            clean += none ? 1 : 0;
            jpeg += d.jpegQuality > 0 ? 1 : 0;
            assertTrue(d.toString(), d.jpegQuality == 0 || (d.jpegQuality >= 75 && d.jpegQuality <= 100));
            assertTrue(d.toString(), d.sigmaX <= 1.0 && d.sigmaY <= 1.0 && d.noiseSigma <= 6.0);
        }
        assertEquals("a third clean", 1.0 / 3, (double) clean / n, 0.03);
        assertEquals("JPEG on 0.9 of the rest", 0.9 * 2 / 3, (double) jpeg / n, 0.03);
        try {
            RealisticDegradation.Spread.named("medium");
            fail("an unknown spread name is refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("heavy, light, jpeg or compressed"));
        }
    }

    @Test
    public void theCompressedSpreadIsAlwaysJpegQ80To100() {
        Random random = new Random(15);
        int noisy = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            RealisticDegradation d = RealisticDegradation.Spread.named("compressed").draw(random);
            assertTrue(d.toString(), d.jpegQuality >= 80 && d.jpegQuality <= 100);
            assertTrue(d.toString(), d.sigmaX <= 0.8 && d.sigmaY <= 0.8 && d.noiseSigma <= 5.0);
            noisy += d.noiseSigma > 0 ? 1 : 0;
        }
        assertEquals("noise on 0.3", 0.3, (double) noisy / n, 0.03);
    }

    @Test
    public void theNamedSpreadsDrawAsTheirOwnSamplers() {
        assertEquals(RealisticDegradation.sample(new Random(5)).toString(),
                RealisticDegradation.Spread.named("heavy").draw(new Random(5)).toString());
        assertEquals(RealisticDegradation.sampleLight(new Random(5)).toString(),
                RealisticDegradation.Spread.named("light").draw(new Random(5)).toString());
    }

    @Test
    public void rejectsSizesThatAreNotAMultipleOfTheScale() {
        try {
            RealisticDegradation.sample(new Random(1)).apply(scene(30, 31), 2);
            fail("accepted 30x31 at x2");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("multiple"));
        }
    }

    private static int[] gradient(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0xff000000 | (3 * x) << 16 | (2 * y + 40) << 8 | (x + y + 20);
            }
        }
        return px;
    }

    /** Mean absolute difference between horizontal neighbours, red channel. */
    private static double contrast(ArgbImage image) {
        double sum = 0;
        int[] px = image.pixels();
        int w = image.width();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 1; x < w; x++) {
                sum += Math.abs(((px[y * w + x] >> 16) & 0xff) - ((px[y * w + x - 1] >> 16) & 0xff));
            }
        }
        return sum / ((w - 1) * image.height());
    }

    private static double rms(ArgbImage a, ArgbImage b) {
        double se = 0;
        int[] pa = a.pixels();
        int[] pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = ((pa[i] >> shift) & 0xff) - ((pb[i] >> shift) & 0xff);
                se += d * d;
            }
        }
        return Math.sqrt(se / (3.0 * pa.length));
    }
}
