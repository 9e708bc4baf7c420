package io.clarity.models.quant;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-layer equalization of activation ranges (after Nagel et al. 2019, "Data-Free Quantization"): int8
 * activations share one range per tensor, so a channel whose values stay small gets few of its 256 levels.
 * Where a convolution feeds another one, directly or through a (P/Leaky)ReLU, output channel c of the first is
 * multiplied by s_c (weights and bias) and input channel c of the second divided by s_c. ReLU-like activations
 * are positively homogeneous, so the network computes exactly the same function while every channel of the
 * tensor in between spans about the same range. Tensors another layer reads (an {@link Add} source) are left
 * alone. Weight quantization is per output channel, so the rescaled input channels cost the second
 * convolution little.
 */
public final class ActivationEqualization {
    /** Histogram bins per channel for {@link #channelExtents}. */
    private static final int CHANNEL_BINS = 2048;

    private ActivationEqualization() {
    }

    /**
     * The equalized network, with s_c = (largest channel's extent) / (channel c's extent) on {@code tiles}, a
     * channel's extent being the larger end of its own least-squared-error range ({@link #channelExtents}).
     */
    public static Network apply(Network network, List<FloatImage> tiles) {
        List<Layer> layers = network.layers();
        int n = layers.size();
        boolean[] read = new boolean[n];
        for (Layer layer : layers) {
            if (layer instanceof Add && ((Add) layer).from() != Add.NETWORK_INPUT) {
                read[((Add) layer).from()] = true;
            }
        }
        float[][] extents = channelExtents(network, tiles);
        float[][] scales = new float[n][];
        for (int i = 0; i < n; i++) {
            int next = nextConvolution(layers, read, i);
            if (next < 0) {
                continue;
            }
            float largest = 0f;
            for (float m : extents[i]) {
                largest = Math.max(largest, m);
            }
            scales[i] = new float[extents[i].length];
            for (int c = 0; c < scales[i].length; c++) {
                // A channel that never fired keeps its scale: nothing to equalize, and no division by zero.
                scales[i][c] = extents[i][c] > largest * 1e-4f ? largest / extents[i][c] : 1f;
            }
        }
        List<Layer> out = new ArrayList<>(n);
        float[] incoming = null;
        for (int i = 0; i < n; i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Conv2d) {
                Conv2d conv = (Conv2d) layer;
                out.add(rescale(conv, incoming, scales[i]));
                incoming = scales[i];
            } else {
                out.add(layer);
            }
        }
        return new Network(network.inputChannels(), out);
    }

    /**
     * Per convolution output channel, the larger end (in magnitude) of the range the least-squared-error rule
     * gives that channel alone on the tiles: its max |x| without the few extremes the tensor's own range will clip
     * anyway, so that a channel with rare outliers is not shrunk for them (issue #13: fast-x2's simulated int8 error
     * against float on training crops 1% lower than with max |x|, Set5 +0.01 dB). Null for other layers.
     */
    static float[][] channelExtents(Network network, List<FloatImage> tiles) {
        List<Layer> layers = network.layers();
        int n = layers.size();
        float[][] lo = new float[n][];
        float[][] hi = new float[n][];
        for (FloatImage tile : tiles) {
            FloatImage[] outputs = Calibration.forwardAll(network, tile);
            for (int i = 0; i < n; i++) {
                if (layers.get(i) instanceof Conv2d) {
                    int c = outputs[i].channels();
                    if (lo[i] == null) {
                        lo[i] = new float[c];
                        hi[i] = new float[c];
                    }
                    float[] d = outputs[i].data();
                    for (int p = 0; p < d.length; p++) {
                        lo[i][p % c] = Math.min(lo[i][p % c], d[p]);
                        hi[i][p % c] = Math.max(hi[i][p % c], d[p]);
                    }
                }
            }
        }
        double[][][] histograms = new double[n][][];
        for (FloatImage tile : tiles) {
            FloatImage[] outputs = Calibration.forwardAll(network, tile);
            for (int i = 0; i < n; i++) {
                if (lo[i] != null) {
                    int c = outputs[i].channels();
                    if (histograms[i] == null) {
                        histograms[i] = new double[c][CHANNEL_BINS];
                    }
                    Calibration.accumulateChannels(histograms[i], outputs[i].data(), lo[i], hi[i]);
                }
            }
        }
        float[][] extents = new float[n][];
        for (int i = 0; i < n; i++) {
            if (lo[i] != null) {
                extents[i] = new float[lo[i].length];
                for (int c = 0; c < extents[i].length; c++) {
                    float[] range = Calibration.leastSquaredErrorRange(histograms[i][c], lo[i][c], hi[i][c]);
                    extents[i][c] = Math.max(-range[0], range[1]);
                }
            }
        }
        return extents;
    }

    /**
     * The index of the convolution that alone reads conv {@code i}'s output (directly or through one
     * ReLU-like layer), or −1 where rescaling would change what the network computes.
     */
    private static int nextConvolution(List<Layer> layers, boolean[] read, int i) {
        if (!(layers.get(i) instanceof Conv2d) || read[i]) {
            return -1;
        }
        int j = i + 1;
        if (j < layers.size() && (layers.get(j) instanceof PRelu || layers.get(j) instanceof LeakyRelu)) {
            if (read[j]) {
                return -1;
            }
            j++;
        }
        return j < layers.size() && layers.get(j) instanceof Conv2d ? j : -1;
    }

    /** Divides input channel c by {@code in[c]} and multiplies output channel o by {@code out[o]} (null: 1). */
    private static Conv2d rescale(Conv2d conv, float[] in, float[] out) {
        float[] w = conv.weights();
        float[] b = conv.bias();
        int cin = conv.inChannels();
        int block = w.length / conv.outChannels();
        for (int j = 0; j < w.length; j++) {
            double f = (in == null ? 1.0 : 1.0 / in[j % cin]) * (out == null ? 1.0 : out[j / block]);
            w[j] = (float) (w[j] * f);
        }
        if (out != null) {
            for (int o = 0; o < b.length; o++) {
                b[o] *= out[o];
            }
        }
        return new Conv2d(cin, conv.outChannels(), conv.kernelSize(), w, b, conv.fusedRelu());
    }
}
