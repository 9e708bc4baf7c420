package io.clarity.models.quant;

/**
 * The TFLite int8 quantization spec as plain arithmetic: activations asymmetric per tensor, weights symmetric
 * per output channel (zero point 0, range ±127), bias int32 at input scale × weight scale.
 */
public final class AffineInt8 {
    /** real = scale × (q − zeroPoint). */
    public final float scale;
    public final int zeroPoint;

    private AffineInt8(float scale, int zeroPoint) {
        this.scale = scale;
        this.zeroPoint = zeroPoint;
    }

    /** Parameters for values in [min, max]; the range is widened to hold 0 exactly, as the spec requires. */
    public static AffineInt8 forRange(float min, float max) {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("bad activation range " + min + ".." + max);
        }
        double lo = Math.min(0.0, min);
        double hi = Math.max(0.0, max);
        if (hi - lo < 1e-8) {
            hi = lo + 1e-8; // a constant-zero tensor still needs a positive scale
        }
        double scale = (hi - lo) / 255.0;
        long zp = Math.round(-128.0 - lo / scale);
        zp = Math.max(-128, Math.min(127, zp));
        return new AffineInt8((float) scale, (int) zp);
    }

    public byte quantize(float value) {
        long q = Math.round(value / (double) scale) + zeroPoint;
        return (byte) Math.max(-128, Math.min(127, q));
    }

    public float dequantize(byte q) {
        return scale * (q - zeroPoint);
    }

    /**
     * Symmetric per-channel scales for weights laid out with the channel as the outermost axis
     * ({@code channels} blocks of equal length): max |w| / 127 per block.
     */
    public static float[] channelScales(float[] weights, int channels) {
        int block = weights.length / channels;
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            float maxAbs = 0f;
            for (int i = c * block; i < (c + 1) * block; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
            }
            // An all-zero channel quantizes to zeros at any scale; keep the scale positive for the runtime.
            scales[c] = maxAbs > 0f ? maxAbs / 127f : 1e-9f;
        }
        return scales;
    }

    public static byte[] quantizeChannels(float[] weights, float[] scales) {
        int block = weights.length / scales.length;
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            long v = Math.round(weights[i] / (double) scales[i / block]);
            q[i] = (byte) Math.max(-127, Math.min(127, v));
        }
        return q;
    }

    /** Bias as int32 at scale inputScale × weightScale[c], zero point 0. */
    public static int[] quantizeBias(float[] bias, float inputScale, float[] weightScales) {
        int[] q = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double s = (double) inputScale * weightScales[c];
            double v = Math.rint(bias[c] / s);
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return q;
    }

    @Override
    public String toString() {
        return "int8(scale=" + scale + ", zp=" + zeroPoint + ")";
    }
}
