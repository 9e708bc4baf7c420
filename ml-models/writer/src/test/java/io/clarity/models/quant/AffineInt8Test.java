package io.clarity.models.quant;

import org.junit.Test;

import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class AffineInt8Test {

    @Test
    public void rangeHoldsZeroExactlyAndPixelsMapToIntegers() {
        AffineInt8 q = AffineInt8.forRange(0f, 1f);
        assertEquals(-128, q.zeroPoint);
        for (int v = 0; v < 256; v++) {
            assertEquals(v - 128, q.quantize(v / 255f));
        }
        AffineInt8 wide = AffineInt8.forRange(-0.4f, 1.4f);
        assertEquals(0f, wide.dequantize((byte) wide.zeroPoint), 0f);
    }

    @Test
    public void errorFeedbackRoundingBeatsPlainRoundingOnCorrelatedInputs() {
        // Smooth inputs (neighbouring taps nearly equal), as image patches are.
        Random random = new Random(3);
        int n = 25;
        double[] moments = new double[n * n];
        double[] x = new double[n];
        for (int sample = 0; sample < 2000; sample++) {
            double base = random.nextDouble();
            for (int i = 0; i < n; i++) {
                x[i] = base + 0.05 * random.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    moments[i * n + j] += x[i] * x[j];
                }
            }
        }
        float[] w = new float[2 * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.1 * random.nextGaussian());
        }
        w[12] = 1.2f;
        w[n + 12] = -0.9f;
        float[] scales = AffineInt8.channelScales(w, 2);
        double plain = outputError(w, AffineInt8.quantizeChannels(w, scales), scales, moments, n);
        double gptq = outputError(w, AffineInt8.quantizeChannelsGptq(w, scales, moments), scales, moments, n);
        System.out.printf("output error (w-q)'H(w-q): plain %.3g, error feedback %.3g%n", plain, gptq);
        assertTrue("error feedback " + gptq + " vs plain " + plain, gptq < 0.5 * plain);
    }

    private static double outputError(float[] w, byte[] q, float[] scales, double[] upper, int n) {
        double total = 0;
        for (int o = 0; o < scales.length; o++) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = w[o * n + i] - q[o * n + i] * (double) scales[o];
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double h = i <= j ? upper[i * n + j] : upper[j * n + i];
                    total += d[i] * h * d[j];
                }
            }
        }
        return total;
    }
}
