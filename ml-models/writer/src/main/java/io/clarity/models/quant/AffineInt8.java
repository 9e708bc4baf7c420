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

    /**
     * Per-channel int8 weights rounded with error feedback (GPTQ, Frantar et al. 2022): weights are rounded
     * one by one and each rounding error is pushed onto the weights not yet rounded, along the inverse of the
     * input second moments {@code moments} (upper triangle of Σ x·xᵀ), so that the output error
     * (w − ŵ)ᵀ·H·(w − ŵ) stays small where plain rounding would make it large. Scales stay max |w| / 127.
     */
    public static byte[] quantizeChannelsGptq(float[] weights, float[] scales, double[] moments) {
        int n = weights.length / scales.length;
        if ((long) n * n != moments.length) {
            throw new IllegalArgumentException("moments are not " + n + "x" + n);
        }
        double[] h = new double[n * n];
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                h[i * n + j] = moments[i * n + j];
                h[j * n + i] = moments[i * n + j];
            }
            meanDiagonal += moments[i * n + i];
        }
        meanDiagonal /= n;
        for (int i = 0; i < n; i++) {
            // Dampening, as GPTQ does: keeps H invertible where an input never varies (zero padding, dead channel).
            h[i * n + i] += 0.01 * meanDiagonal + 1e-12;
        }
        double[] u = upperCholeskyOfInverse(h, n);
        byte[] q = new byte[weights.length];
        double[] w = new double[n];
        for (int o = 0; o < scales.length; o++) {
            double s = scales[o];
            for (int j = 0; j < n; j++) {
                w[j] = weights[o * n + j];
            }
            for (int j = 0; j < n; j++) {
                long v = Math.max(-127, Math.min(127, Math.round(w[j] / s)));
                q[o * n + j] = (byte) v;
                double err = (w[j] - v * s) / u[j * n + j];
                for (int m = j + 1; m < n; m++) {
                    w[m] -= err * u[j * n + m];
                }
            }
        }
        return q;
    }

    /** U with Uᵀ·U = A⁻¹ for a symmetric positive definite n×n A. */
    private static double[] upperCholeskyOfInverse(double[] a, int n) {
        double[] l = cholesky(a, n);
        // A⁻¹ = L⁻ᵀ·L⁻¹: invert the lower triangle, then multiply.
        double[] li = new double[n * n];
        for (int i = 0; i < n; i++) {
            li[i * n + i] = 1 / l[i * n + i];
            for (int j = 0; j < i; j++) {
                double sum = 0;
                for (int k = j; k < i; k++) {
                    sum += l[i * n + k] * li[k * n + j];
                }
                li[i * n + j] = -sum / l[i * n + i];
            }
        }
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < n; k++) {
                    sum += li[k * n + i] * li[k * n + j];
                }
                inv[i * n + j] = sum;
                inv[j * n + i] = sum;
            }
        }
        double[] lower = cholesky(inv, n);
        double[] upper = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                upper[j * n + i] = lower[i * n + j];
            }
        }
        return upper;
    }

    private static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new IllegalStateException("matrix is not positive definite");
                    }
                    l[i * n + i] = Math.sqrt(sum);
                } else {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }
        return l;
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
