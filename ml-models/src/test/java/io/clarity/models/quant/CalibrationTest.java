package io.clarity.models.quant;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.models.TestNetworks;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class CalibrationTest {

    @Test
    public void leastSquaredErrorRangeClipsRareExtremesAndQuantizesBetter() {
        // Heavy-tailed (Laplacian), as a trained SR net's activations are: most values near 0, rare large ones.
        Random random = new Random(5);
        float[] values = new float[200_000];
        float min = 0f;
        float max = 0f;
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble() - 0.5;
            values[i] = (float) (-0.05 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double[] histogram = new double[8192];
        for (float v : values) {
            add(histogram, v, min, max);
        }
        float[] range = Calibration.leastSquaredErrorRange(histogram, min, max);
        // For a Laplacian the best 8-bit clip is about 0.8 of the extremes of 200 000 draws.
        assertTrue("lo " + range[0] + " of " + min, range[0] > 0.9f * min);
        assertTrue("hi " + range[1] + " of " + max, range[1] < 0.9f * max);
        double clipped = squaredError(values, AffineInt8.forRange(range[0], range[1]));
        double full = squaredError(values, AffineInt8.forRange(min, max));
        assertTrue("squared error " + clipped + " vs min/max " + full, clipped < 0.8 * full);
    }

    private static double squaredError(float[] values, AffineInt8 q) {
        double sum = 0;
        for (float v : values) {
            double d = v - q.dequantize(q.quantize(v));
            sum += d * d;
        }
        return sum;
    }

    @Test
    public void leastSquaredErrorRangeKeepsEvenlySpreadValues() {
        float min = -1f;
        float max = 3f;
        double[] histogram = new double[8192];
        for (int i = 0; i <= 4000; i++) {
            add(histogram, min + i * (max - min) / 4000, min, max);
        }
        float[] range = Calibration.leastSquaredErrorRange(histogram, min, max);
        assertEquals(min, range[0], 0.05f);
        assertEquals(max, range[1], 0.1f);
    }

    @Test
    public void minMaxRuleKeepsTheObservedRange() {
        Network net = new Network(1, Collections.singletonList(RandomNetworks.conv(new Random(6), 1, 4, 3, false)));
        List<FloatImage> tiles = tiles(new Random(7), 1, 4);
        ActivationRanges ranges = Calibration.collect(net, tiles, Calibration.RangeRule.MIN_MAX);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (FloatImage tile : tiles) {
            for (float v : net.forward(tile).data()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        assertEquals(lo, ranges.min(0), 0f);
        assertEquals(hi, ranges.max(0), 0f);
    }

    @Test
    public void equalizationKeepsTheFunctionAndEvensOutChannelRanges() {
        Random random = new Random(8);
        Network net = TestNetworks.pixelShuffle(random, 1, 2, 16);
        List<FloatImage> tiles = tiles(random, 1, 4);
        Network equalized = ActivationEqualization.apply(net, tiles);
        for (FloatImage tile : tiles) {
            float diff = TestNetworks.maxAbsDifference(net.forward(tile), equalized.forward(tile));
            assertTrue("max abs difference " + diff, diff < 1e-4f);
        }
        // pixelShuffle: conv, PReLU, conv, LeakyReLU, Add(1), conv+ReLU, conv, DEPTH_TO_SPACE, conv. Only conv 5
        // feeds a conv through nothing an Add reads; conv 0's PReLU output is an Add source and must not change.
        // Each channel's extent: the larger end of its own least-squared-error range (its max |x| without rare extremes).
        float[] before = ActivationEqualization.channelExtents(net, tiles)[5];
        float[] after = ActivationEqualization.channelExtents(equalized, tiles)[5];
        assertTrue("spread before " + spread(before), spread(before) > 1.5f);
        assertEquals("spread after", 1f, spread(after), 2e-3f);
        assertEquals(max(before), max(after), 1e-3f * max(before));
        assertEquals(spread(channelMaxAbs(net, tiles, 0)), spread(channelMaxAbs(equalized, tiles, 0)), 1e-5f);
    }

    private static float[] channelMaxAbs(Network net, List<FloatImage> tiles, int layer) {
        float[] m = null;
        for (FloatImage tile : tiles) {
            FloatImage out = Calibration.forwardAll(net, tile)[layer];
            if (m == null) {
                m = new float[out.channels()];
            }
            float[] d = out.data();
            for (int p = 0; p < d.length; p++) {
                m[p % m.length] = Math.max(m[p % m.length], Math.abs(d[p]));
            }
        }
        return m;
    }

    private static float max(float[] v) {
        float m = 0f;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Largest over smallest channel range. */
    private static float spread(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
        }
        return max(v) / lo;
    }

    private static List<FloatImage> tiles(Random random, int channels, int count) {
        List<FloatImage> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tiles.add(RandomNetworks.randomImage(random, 24, 24, channels));
        }
        return tiles;
    }

    private static void add(double[] histogram, float v, float min, float max) {
        int bin = Math.round((v - min) / (max - min) * (histogram.length - 1));
        histogram[bin]++;
    }
}
