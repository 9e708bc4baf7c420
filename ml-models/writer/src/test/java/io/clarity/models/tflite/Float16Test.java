package io.clarity.models.tflite;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

public class Float16Test {
    @Test
    public void knownValuesConvertExactly() {
        assertEquals(0x3c00, Float16.fromFloat(1f) & 0xffff);
        assertEquals(0xc000, Float16.fromFloat(-2f) & 0xffff);
        assertEquals(0x7bff, Float16.fromFloat(65504f) & 0xffff);
        assertEquals(0x7c00, Float16.fromFloat(70000f) & 0xffff);
        assertEquals(0x0001, Float16.fromFloat(5.9604645e-8f) & 0xffff); // smallest subnormal
        assertEquals(0x3555, Float16.fromFloat(1f / 3) & 0xffff);
    }

    @Test
    public void tiesRoundToEven() {
        // 1 + 2^-11 lies halfway between 1 and the next half (1 + 2^-10): even mantissa wins.
        assertEquals(0x3c00, Float16.fromFloat(1f + 0x1p-11f) & 0xffff);
        assertEquals(0x3c02, Float16.fromFloat(1f + 3 * 0x1p-11f) & 0xffff);
    }

    @Test
    public void everyHalfSurvivesARoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0) {
                continue; // NaN payloads need not survive
            }
            assertEquals(Integer.toHexString(h), h, Float16.fromFloat(Float16.toFloat((short) h)) & 0xffff);
        }
    }
}
