package io.clarity.engine.color;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.RandomNetworks;

import java.util.Random;

import org.junit.Test;

public class BicubicResamplerTest {

    private static FloatImage ramp(int w, int h) {
        FloatImage image = new FloatImage(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.set(x, y, 0, x + 100 * y);
            }
        }
        return image;
    }

    @Test
    public void kernelIsKeysWithMinusOneHalf() {
        assertEquals(1.0, BicubicResampler.cubic(0), 0);
        assertEquals(0.0, BicubicResampler.cubic(1), 0);
        assertEquals(0.0, BicubicResampler.cubic(2), 0);
        assertEquals(0.5625, BicubicResampler.cubic(0.5), 1e-12);
        assertEquals(-0.0625, BicubicResampler.cubic(1.5), 1e-12);
    }

    @Test
    public void halvingSamplesBetweenPixelPairsWithAntialiasing() {
        // Output x' samples input position 2x' + 0.5 (0-based); a ramp is reproduced away from the borders,
        // which the 8-tap antialiased kernel reaches 4 pixels into.
        FloatImage out = BicubicResampler.resize(ramp(40, 30), 0.5);
        assertEquals(20, out.width());
        assertEquals(15, out.height());
        for (int y = 3; y < 12; y++) {
            for (int x = 3; x < 17; x++) {
                assertEquals((2 * x + 0.5) + 100 * (2 * y + 0.5), out.get(x, y, 0), 1e-3);
            }
        }
    }

    @Test
    public void upscalingReproducesRampAwayFromBorders() {
        FloatImage out = BicubicResampler.upscale(ramp(10, 8), 3);
        for (int y = 6; y < 18; y++) {
            for (int x = 6; x < 24; x++) {
                double u = (x + 0.5) / 3 - 0.5;
                double v = (y + 0.5) / 3 - 0.5;
                assertEquals(u + 100 * v, out.get(x, y, 0), 1e-3);
            }
        }
    }

    @Test
    public void outputLengthIsCeilOfScaledLength() {
        assertEquals(3, BicubicResampler.resize(new FloatImage(8, 9, 1), 1.0 / 3).width());
        assertEquals(3, BicubicResampler.resize(new FloatImage(8, 9, 1), 1.0 / 3).height());
        assertEquals(1, BicubicResampler.resize(new FloatImage(1, 1, 2), 0.25).width());
    }

    @Test
    public void integerUpscaleMatchesGeneralResize() {
        FloatImage image = RandomNetworks.randomImage(new Random(1), 13, 7, 2);
        for (int scale = 2; scale <= 4; scale++) {
            assertArrayEquals(BicubicResampler.resize(image, scale).data(),
                    BicubicResampler.upscale(image, scale).data(), 1e-6f);
        }
    }

    @Test
    public void constantImageStaysConstant() {
        FloatImage image = new FloatImage(5, 4, 1, new float[20]);
        java.util.Arrays.fill(image.data(), 0.7f);
        for (float v : BicubicResampler.resize(image, 0.3).data()) {
            assertEquals(0.7f, v, 1e-6f);
        }
        for (float v : BicubicResampler.upscale(image, 4).data()) {
            assertEquals(0.7f, v, 1e-6f);
        }
    }

    @Test
    public void eightBitResizeSaturatesOvershoot() {
        ArgbImage edge = new ArgbImage(4, 1, new int[] {0xff000000, 0xff000000, 0xffffffff, 0xffffffff});
        ArgbImage up = BicubicResampler.resize(edge, 4);
        for (int p : up.pixels()) {
            assertEquals(0xff, p >>> 24);
            int r = (p >> 16) & 0xff;
            assertEquals(r, p & 0xff);
        }
        // Bicubic overshoots a hard edge: in floats, values leave [0, 255] beside it; in 8 bits they saturate.
        FloatImage floats = BicubicResampler.resize(new FloatImage(4, 1, 1, new float[] {0, 0, 255, 255}), 4);
        assertEquals(true, floats.get(4, 0, 0) < -0.5f);
        assertEquals(true, floats.get(11, 0, 0) > 255.5f);
        assertEquals(0, (up.get(4, 0) >> 16) & 0xff);
        assertEquals(255, (up.get(11, 0) >> 16) & 0xff);
    }

    @Test
    public void rejectsNonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> BicubicResampler.resize(new FloatImage(2, 2, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> BicubicResampler.upscale(new FloatImage(2, 2, 1), 0));
    }
}
