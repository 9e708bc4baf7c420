package io.clarity.models.quant;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs the float network over calibration tiles and chooses the int8 range of every layer's output, and records
 * what weight rounding needs (input means, patch moments).
 */
public final class Calibration {
    /** How a tensor's quantization range is chosen from the values it took on the calibration tiles. */
    public enum RangeRule {
        /** The observed minimum and maximum: nothing is clipped. */
        MIN_MAX,
        /**
         * The range whose int8 grid gives the least squared error (rounding inside, clipping outside) over the
         * observed values; a (P/Leaky)ReLU that reads a convolution shares that convolution's range (issue #13:
         * its positive values then cost no second rounding; fast-x2's simulated int8 error against float on
         * training crops fell 6%). Activations of trained SR nets are heavy-tailed (fast-x2: RMS 0.05, extremes ±2),
         * so min/max spends most of the 256 levels on a few edge pixels. fast-x2's Set5 x2 int8 − fp32 went from
         * −0.84 dB (min/max) to −0.31 dB with this rule in a float simulation, −0.27 dB through TFLite together
         * with {@link ActivationEqualization} (issue #6).
         */
        MIN_SQUARED_ERROR
    }

    /** Bins of the histogram each layer's output is collected into for {@link RangeRule#MIN_SQUARED_ERROR}. */
    private static final int BINS = 8192;
    /** Clipping candidates per side: the observed extreme times (1 − n / 64), n = 0 .. 60. */
    private static final int CLIP_STEPS = 60;

    private Calibration() {
    }

    /** {@link #collect(Network, List, RangeRule)} with {@link RangeRule#MIN_SQUARED_ERROR}. */
    public static ActivationRanges collect(Network network, List<FloatImage> tiles) {
        return collect(network, tiles, RangeRule.MIN_SQUARED_ERROR);
    }

    public static ActivationRanges collect(Network network, List<FloatImage> tiles, RangeRule rule) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one tile");
        }
        List<Layer> layers = network.layers();
        float[] min = new float[layers.size()];
        float[] max = new float[layers.size()];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        double[][] sums = new double[layers.size()][];
        long[] counts = new long[layers.size()];
        double[][] moments = new double[layers.size()][];
        float inMin = Float.POSITIVE_INFINITY;
        float inMax = Float.NEGATIVE_INFINITY;
        for (FloatImage tile : tiles) {
            for (float v : tile.data()) {
                inMin = Math.min(inMin, v);
                inMax = Math.max(inMax, v);
            }
            FloatImage[] outputs = new FloatImage[layers.size()];
            FloatImage current = tile;
            for (int i = 0; i < layers.size(); i++) {
                // What the layer's convolution reads: an input skip's is the network input.
                FloatImage read = layers.get(i) instanceof InputSkip ? tile : current;
                int c = read.channels();
                if (sums[i] == null) {
                    sums[i] = new double[c];
                }
                float[] in = read.data();
                for (int p = 0; p < in.length; p++) {
                    sums[i][p % c] += in[p];
                }
                counts[i] += in.length / c;
                Conv2d conv = layers.get(i) instanceof InputSkip ? ((InputSkip) layers.get(i)).projection()
                        : layers.get(i) instanceof Conv2d ? (Conv2d) layers.get(i) : null;
                if (conv != null) {
                    int n = conv.kernelSize() * conv.kernelSize() * c;
                    if (moments[i] == null) {
                        moments[i] = new double[n * n];
                    }
                    accumulatePatchMoments(read, conv.kernelSize(), moments[i]);
                }
                current = forwardOne(layers.get(i), current, tile, outputs);
                outputs[i] = current;
                for (float v : current.data()) {
                    min[i] = Math.min(min[i], v);
                    max[i] = Math.max(max[i], v);
                }
            }
        }
        float[][] means = new float[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            means[i] = new float[sums[i].length];
            for (int c = 0; c < means[i].length; c++) {
                means[i][c] = (float) (sums[i][c] / counts[i]);
            }
        }
        if (rule == RangeRule.MIN_SQUARED_ERROR) {
            // A second pass: the histograms need each layer's observed extremes for their bins.
            double[][] histograms = new double[layers.size()][BINS];
            for (FloatImage tile : tiles) {
                FloatImage[] outputs = forwardAll(network, tile);
                for (int i = 0; i < layers.size(); i++) {
                    accumulate(histograms[i], outputs[i].data(), min[i], max[i]);
                }
            }
            for (int i = 0; i < layers.size(); i++) {
                float[] range = leastSquaredErrorRange(histograms[i], min[i], max[i]);
                min[i] = range[0];
                max[i] = range[1];
            }
            for (int i = 1; i < layers.size(); i++) {
                if ((layers.get(i) instanceof PRelu || layers.get(i) instanceof LeakyRelu) && layers.get(i - 1) instanceof Conv2d) {
                    // The activation's output on its input's grid: TFLite then passes positive values through
                    // unrounded (multiplier 1), so a conv + PReLU pair rounds them once, not twice.
                    min[i] = min[i - 1];
                    max[i] = max[i - 1];
                }
            }
        }
        return new ActivationRanges(inMin, inMax, min, max, means, moments);
    }

    /** Every layer's float output for one input tile. */
    static FloatImage[] forwardAll(Network network, FloatImage tile) {
        List<Layer> layers = network.layers();
        FloatImage[] outputs = new FloatImage[layers.size()];
        FloatImage current = tile;
        for (int i = 0; i < layers.size(); i++) {
            current = forwardOne(layers.get(i), current, tile, outputs);
            outputs[i] = current;
        }
        return outputs;
    }

    private static void accumulate(double[] histogram, float[] values, float min, float max) {
        double perBin = max > min ? (BINS - 1) / ((double) max - min) : 0;
        for (float v : values) {
            int bin = (int) Math.round((v - min) * perBin);
            histogram[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
    }

    /** Adds each channel's values to its own histogram over that channel's [min, max]. */
    static void accumulateChannels(double[][] histograms, float[] values, float[] min, float[] max) {
        int c = histograms.length;
        int bins = histograms[0].length;
        for (int p = 0; p < values.length; p++) {
            int ch = p % c;
            double perBin = max[ch] > min[ch] ? (bins - 1) / ((double) max[ch] - min[ch]) : 0;
            int bin = (int) Math.round((values[p] - min[ch]) * perBin);
            histograms[ch][Math.max(0, Math.min(bins - 1, bin))]++;
        }
    }

    /**
     * The [lo, hi] (holding 0, as the int8 spec needs) within [min, max] whose 255-step grid gives the least
     * total squared error over the histogram: a value outside is clipped to the nearest end, one inside is
     * rounded to the grid. Bin centres stand for their values.
     */
    static float[] leastSquaredErrorRange(double[] histogram, float min, float max) {
        int bins = histogram.length;
        double width = max > min ? ((double) max - min) / (bins - 1) : 0;
        int used = 0;
        for (double count : histogram) {
            used += count > 0 ? 1 : 0;
        }
        double[] value = new double[used];
        double[] count = new double[used];
        for (int b = 0, n = 0; b < bins; b++) {
            if (histogram[b] > 0) {
                value[n] = min + b * width;
                count[n++] = histogram[b];
            }
        }
        float[] best = {min, max};
        double bestError = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= CLIP_STEPS; a++) {
            double lo = Math.min(0.0, min * (1 - a / 64.0));
            for (int c = 0; c <= CLIP_STEPS; c++) {
                double hi = Math.max(0.0, max * (1 - c / 64.0));
                if (hi - lo < 1e-8) {
                    continue;
                }
                double step = (hi - lo) / 255;
                double error = 0;
                for (int n = 0; n < used && error < bestError; n++) {
                    double v = value[n];
                    double d = v < lo ? lo - v : v > hi ? v - hi : v - (lo + Math.rint((v - lo) / step) * step);
                    error += count[n] * d * d;
                }
                if (error < bestError) {
                    bestError = error;
                    best = new float[] {(float) lo, (float) hi};
                }
            }
        }
        return best;
    }

    /**
     * Adds x·xᵀ of the k×k×C input patches (OHWI order, interior pixels, every second one each way: neighbours
     * add little) to the upper triangle of {@code moments}: the weight-error metric of GPTQ-style rounding.
     */
    private static void accumulatePatchMoments(FloatImage input, int k, double[] moments) {
        int c = input.channels();
        int n = k * k * c;
        int r = k / 2;
        double[] x = new double[n];
        float[] d = input.data();
        for (int y = r; y < input.height() - r; y += 2) {
            for (int px = r; px < input.width() - r; px += 2) {
                int j = 0;
                for (int ky = -r; ky <= r; ky++) {
                    for (int kx = -r; kx <= r; kx++) {
                        int base = ((y + ky) * input.width() + px + kx) * c;
                        for (int ch = 0; ch < c; ch++) {
                            x[j++] = d[base + ch];
                        }
                    }
                }
                for (int a = 0; a < n; a++) {
                    double xa = x[a];
                    if (xa == 0) {
                        continue;
                    }
                    int row = a * n;
                    for (int b = a; b < n; b++) {
                        moments[row + b] += xa * x[b];
                    }
                }
            }
        }
    }

    /** One layer's output; the network's own forward pass keeps no intermediates, so layers run one at a time. */
    private static FloatImage forwardOne(Layer layer, FloatImage current, FloatImage input, FloatImage[] outputs) {
        if (layer instanceof Add) {
            int from = ((Add) layer).from();
            return sum(current, from == Add.NETWORK_INPUT ? input : outputs[from]);
        }
        if (layer instanceof InputSkip) {
            return sum(current, project(((InputSkip) layer).projection(), input));
        }
        return new Network(current.channels(), Collections.singletonList(layer)).forward(current);
    }

    /** The element-wise sum of two tensors of one shape. */
    static FloatImage sum(FloatImage a, FloatImage b) {
        float[] sum = a.data().clone();
        float[] o = b.data();
        for (int p = 0; p < sum.length; p++) {
            sum[p] += o[p];
        }
        return new FloatImage(a.width(), a.height(), a.channels(), sum);
    }

    private static FloatImage project(Conv2d projection, FloatImage input) {
        return new Network(input.channels(), Collections.singletonList(projection)).forward(input);
    }
}
