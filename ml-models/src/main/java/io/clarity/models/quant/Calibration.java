package io.clarity.models.quant;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Runs the float network over calibration tiles and records the range of every layer's output. */
public final class Calibration {
    private Calibration() {
    }

    public static ActivationRanges collect(Network network, List<FloatImage> tiles) {
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
                int c = current.channels();
                if (sums[i] == null) {
                    sums[i] = new double[c];
                }
                float[] in = current.data();
                for (int p = 0; p < in.length; p++) {
                    sums[i][p % c] += in[p];
                }
                counts[i] += in.length / c;
                if (layers.get(i) instanceof Conv2d) {
                    Conv2d conv = (Conv2d) layers.get(i);
                    int n = conv.kernelSize() * conv.kernelSize() * c;
                    if (moments[i] == null) {
                        moments[i] = new double[n * n];
                    }
                    accumulatePatchMoments(current, conv.kernelSize(), moments[i]);
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
        return new ActivationRanges(inMin, inMax, min, max, means, moments);
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
            FloatImage other = from == Add.NETWORK_INPUT ? input : outputs[from];
            float[] sum = current.data().clone();
            float[] o = other.data();
            for (int p = 0; p < sum.length; p++) {
                sum[p] += o[p];
            }
            return new FloatImage(current.width(), current.height(), current.channels(), sum);
        }
        return new Network(current.channels(), Collections.singletonList(layer)).forward(current);
    }
}
