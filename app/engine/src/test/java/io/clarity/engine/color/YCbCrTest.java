package io.clarity.engine.color;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class YCbCrTest {
    @Test
    public void lumaSpansStudioRange() {
        assertEquals(16f, YCbCr.luma(0, 0, 0), 1e-4f);
        assertEquals(235f, YCbCr.luma(255, 255, 255), 1e-3f);
        assertEquals(16f + 65.481f, YCbCr.luma(255, 0, 0), 1e-3f);
    }

    @Test
    public void grayHasExactlyZeroChromaAndComesBackGray() {
        for (int v = 0; v < 256; v++) {
            assertEquals(0f, YCbCr.blueChroma(v, v, v), 0f);
            assertEquals(0f, YCbCr.redChroma(v, v, v), 0f);
            float y = YCbCr.luma(v, v, v);
            float r = YCbCr.red(y, 0f, 0f);
            assertEquals(r, YCbCr.green(y, 0f, 0f), 0f);
            assertEquals(r, YCbCr.blue(y, 0f, 0f), 0f);
            assertEquals(v, YCbCr.toByte(r));
        }
    }

    @Test
    public void roundTripRestoresEveryEightBitColourOnAGrid() {
        for (int r = 0; r < 256; r += 5) {
            for (int g = 0; g < 256; g += 3) {
                for (int b = 0; b < 256; b += 7) {
                    float y = YCbCr.luma(r, g, b);
                    float cb = YCbCr.blueChroma(r, g, b);
                    float cr = YCbCr.redChroma(r, g, b);
                    assertEquals(r, YCbCr.toByte(YCbCr.red(y, cb, cr)));
                    assertEquals(g, YCbCr.toByte(YCbCr.green(y, cb, cr)));
                    assertEquals(b, YCbCr.toByte(YCbCr.blue(y, cb, cr)));
                }
            }
        }
    }

    @Test
    public void matchesMatlabChromaOfPrimaries() {
        assertEquals(128f - 37.797f, 128f + YCbCr.blueChroma(255, 0, 0), 1e-3f);
        assertEquals(128f + 112f, 128f + YCbCr.blueChroma(0, 0, 255), 1e-3f);
        assertEquals(128f + 112f, 128f + YCbCr.redChroma(255, 0, 0), 1e-3f);
    }

    @Test
    public void toByteRoundsHalfUpAndClamps() {
        assertEquals(0, YCbCr.toByte(-3f));
        assertEquals(0, YCbCr.toByte(Float.NaN));
        assertEquals(255, YCbCr.toByte(300f));
        assertEquals(2, YCbCr.toByte(1.5f));
        assertEquals(1, YCbCr.toByte(1.49f));
        assertEquals(255, YCbCr.toByte(254.5f));
    }
}
