package io.clarity.models.tflite;

/** IEEE 754 binary16 conversion (the module targets Java 17, which lacks Float.floatToFloat16). */
final class Float16 {
    private Float16() {
    }

    /** Nearest binary16, ties to even; overflow gives infinity, NaN stays NaN. */
    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // Subnormal: shift the implicit-one mantissa into place, rounding to nearest even.
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = 1 << (shift - 1);
            int rounded = (m + half - 1 + ((m >>> shift) & 1)) >>> shift;
            return (short) (sign | rounded);
        }
        int rounded = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (rounded & 1) == 1)) {
            rounded++; // may carry into the exponent, up to infinity, which is the right answer
        }
        return (short) (sign | rounded);
    }

    static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa * (1f / (1 << 24));
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** The value binary16 storage turns {@code value} into. */
    static float round(float value) {
        return toFloat(fromFloat(value));
    }
}
