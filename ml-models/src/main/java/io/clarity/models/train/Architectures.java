package io.clarity.models.train;

import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Freshly initialised networks (He-normal convolutions, PReLU slopes 0.25) for the trainer, on Y. */
public final class Architectures {
    private Architectures() {
    }

    /**
     * The "Fast" LR-space net, FSRCNN-shaped (5×5 feature extraction to d channels, 1×1 shrink to s, m 3×3
     * mapping layers, 1×1 expand, all PReLU) but ending ESPCN-style in a 3×3 conv to scale² channels and
     * DEPTH_TO_SPACE instead of FSRCNN's 9×9 deconvolution (the GPU delegate and int8 kernels both take it).
     * An {@link InputSkip} that starts as a copy of the input into the scale² channels is added before
     * DEPTH_TO_SPACE: the net starts as nearest-neighbour upscaling and learns only the residual, which trains much
     * faster.
     */
    public static Network fast(int scale, int d, int s, int m, long seed) {
        Random random = new Random(seed);
        int out = scale * scale;
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 1, d, 5, false, 1f));
        layers.add(prelu(d));
        layers.add(conv(random, d, s, 1, false, 1f));
        layers.add(prelu(s));
        for (int i = 0; i < m; i++) {
            layers.add(conv(random, s, s, 3, false, 1f));
            layers.add(prelu(s));
        }
        layers.add(conv(random, s, d, 1, false, 1f));
        layers.add(prelu(d));
        layers.add(conv(random, d, out, 3, false, 0.1f));
        layers.add(inputCopy(1, scale));
        layers.add(new DepthToSpace(scale));
        return new Network(1, layers);
    }

    /**
     * A trained Fast or real-photo net moved to another scale: everything up to the last conv kept, the last conv
     * and the input skip made fresh for the new scale. FSRCNN's own recipe (Dong et al. 2016, section 3.4: x3/x4
     * are fine-tuned from x2, sharing everything but the deconvolution); the shared body converges in a fraction
     * of a from-scratch run's steps. A net in the older layout (a first layer copying the input) is folded first
     * ({@link FoldInputCopies}).
     */
    public static Network atScale(Network trained, int scale, long seed) {
        Network net = FoldInputCopies.isFoldable(trained) ? FoldInputCopies.fold(trained) : trained;
        List<Layer> old = net.layers();
        int n = old.size();
        if (n < 4 || !(old.get(n - 1) instanceof DepthToSpace) || !(old.get(n - 2) instanceof InputSkip)
                || !(old.get(n - 3) instanceof Conv2d)) {
            throw new IllegalArgumentException("not a Fast or real-photo network (body, last conv, input skip, "
                    + "depth-to-space)");
        }
        int channels = net.inputChannels();
        Conv2d head = (Conv2d) old.get(n - 3);
        List<Layer> layers = new ArrayList<>(old.subList(0, n - 3));
        layers.add(conv(new Random(seed), head.inChannels(), channels * scale * scale, head.kernelSize(), false, 0.1f));
        layers.add(inputCopy(channels, scale));
        layers.add(new DepthToSpace(scale));
        return new Network(channels, layers);
    }

    /**
     * SRCNN 9-5-5 (64, 32 filters, ReLU) on the bicubically pre-upscaled Y, plus a skip from the input: the
     * convolutions learn the residual over bicubic (as VDSR does), which Adam trains in hours instead of the
     * paper's days of SGD; the layer shapes and cost are the paper's.
     */
    public static Network srcnn(long seed) {
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 1, 64, 9, true, 1f));
        layers.add(conv(random, 64, 32, 5, true, 1f));
        layers.add(conv(random, 32, 1, 5, false, 0.1f));
        layers.add(new Add(Add.NETWORK_INPUT));
        return new Network(1, layers);
    }

    /**
     * The real-photo net, a compact ESRGAN-family body (Real-ESRGAN's SRVGG-compact shape: 3×3 convs with PReLU
     * at low resolution, DEPTH_TO_SPACE at the end) on RGB, so blur, noise and JPEG artefacts, which live in
     * colour too, are all seen. The input, copied into the 3·scale² channels in TFLite's DEPTH_TO_SPACE order by
     * an {@link InputSkip}, is added back before the shuffle: nearest-neighbour upscaling plus a learnt residual.
     */
    public static Network compactRgb(int scale, int features, int convs, long seed) {
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 3, features, 3, false, 1f));
        layers.add(prelu(features));
        for (int i = 0; i < convs; i++) {
            layers.add(conv(random, features, features, 3, false, 1f));
            layers.add(prelu(features));
        }
        layers.add(conv(random, features, 3 * scale * scale, 3, false, 0.1f));
        layers.add(inputCopy(3, scale));
        layers.add(new DepthToSpace(scale));
        return new Network(3, layers);
    }

    /**
     * The skip that copies a {@code channels}-channel input into the channels·scale² sub-pixel channels
     * (channel j ← input channel j mod channels, DEPTH_TO_SPACE's order): the nearest-neighbour start.
     */
    static InputSkip inputCopy(int channels, int scale) {
        int out = channels * scale * scale;
        float[] copy = new float[out * channels];
        for (int o = 0; o < out; o++) {
            copy[o * channels + o % channels] = 1f;
        }
        return new InputSkip(new Conv2d(channels, out, 1, copy, new float[out], false));
    }

    private static Conv2d conv(Random random, int in, int out, int k, boolean relu, float gain) {
        float std = (float) (gain * Math.sqrt(2.0 / (in * k * k)));
        float[] w = new float[out * k * k * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * std;
        }
        return new Conv2d(in, out, k, w, new float[out], relu);
    }

    private static PRelu prelu(int channels) {
        float[] alpha = new float[channels];
        Arrays.fill(alpha, 0.25f);
        return new PRelu(alpha);
    }

    /** Weights, biases and PReLU slopes. */
    public static int parameterCount(Network network) {
        int n = 0;
        for (Layer layer : network.layers()) {
            Conv2d c = convolutionOf(layer);
            if (c != null) {
                n += c.outChannels() * c.kernelSize() * c.kernelSize() * c.inChannels() + c.outChannels();
            } else if (layer instanceof PRelu) {
                n += ((PRelu) layer).channels();
            }
        }
        return n;
    }

    /**
     * Floating-point operations of one training patch of {@code inputSide}² network-input pixels: the forward
     * pass's 2 FLOPs per MAC, and the backward pass's gradients for inputs and weights about twice that.
     */
    public static double trainingFlopsPerPatch(Network network, int inputSide) {
        int s = network.scale();
        return 6 * macsPerOutputPixel(network) * s * s * (double) inputSide * inputSide;
    }

    /** Multiply-accumulates per output pixel of a network at {@code scale} (pre-upscaled nets: scale 1). */
    public static double macsPerOutputPixel(Network network) {
        double macs = 0;
        int pixelsPerInput = 1;
        for (Layer layer : network.layers()) {
            Conv2d c = convolutionOf(layer);
            if (c != null) {
                macs += (double) c.inChannels() * c.outChannels() * c.kernelSize() * c.kernelSize() * pixelsPerInput;
            } else if (layer instanceof DepthToSpace) {
                pixelsPerInput *= ((DepthToSpace) layer).blockSize() * ((DepthToSpace) layer).blockSize();
            }
        }
        int s = network.scale();
        return macs / (s * s);
    }

    /** A layer's convolution: its own, or an input skip's 1×1 projection (null for other layers). */
    private static Conv2d convolutionOf(Layer layer) {
        return layer instanceof Conv2d ? (Conv2d) layer
                : layer instanceof InputSkip ? ((InputSkip) layer).projection() : null;
    }
}
