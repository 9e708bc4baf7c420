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
import java.util.Locale;
import java.util.Random;
import java.util.function.IntPredicate;

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
        Network net = FoldInputCopies.inCurrentLayout(trained);
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
     * A trained Fast net embedded in a wider (d, s) and deeper (m) Fast net that computes exactly the same
     * function (Net2Net, Chen et al. 2016): every old weight, bias and PReLU slope is kept in the first channels;
     * a new channel gets small random incoming weights (a tenth of the He-normal spread; PReLU 0.25) and sends
     * nothing into the old channels, so only new channels see it until training moves those zero weights; the
     * extra mapping layers, appended after the old ones, are identity 3×3 convs whose old channels' PReLU slope
     * is 1. Training then starts from the trained net's quality instead of from scratch.
     */
    public static Network fastWidened(Network trained, int d, int s, int m, long seed) {
        Network net = FoldInputCopies.inCurrentLayout(trained);
        List<Layer> old = net.layers();
        int n = old.size();
        if (n < 9 || n % 2 == 0 || !(old.get(n - 1) instanceof DepthToSpace) || !(old.get(n - 2) instanceof InputSkip)
                || net.inputChannels() != 1 || !alternatesConvAndPrelu(old.subList(0, n - 2))) {
            throw new IllegalArgumentException("not a Fast network (feature/shrink/mapping/expand convs with PReLU,"
                    + " head conv, input skip, depth-to-space)");
        }
        int oldM = (n - 9) / 2;
        int oldD = ((Conv2d) old.get(0)).outChannels();
        int oldS = ((Conv2d) old.get(2)).outChannels();
        if (d < oldD || s < oldS || m < oldM) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a Fast net can only be widened: the"
                    + " --init net has width %d, shrink %d, mapping %d; asked for %d, %d, %d", oldD, oldS, oldM, d, s, m));
        }
        List<Layer> layers = grown(old, fast(net.scale(), d, s, m, seed).layers(), 4, oldM, m, oldS, 5);
        return new Network(1, layers);
    }

    /**
     * A trained real-photo net ({@link #compactRgb}) embedded in a wider ({@code features}) and deeper
     * ({@code convs}) one that computes exactly the same function, the same way as {@link #fastWidened}: the
     * extra 3×3 layers, identity at first, go after the old ones, before the head conv.
     */
    public static Network compactRgbWidened(Network trained, int features, int convs, long seed) {
        Network net = FoldInputCopies.inCurrentLayout(trained);
        List<Layer> old = net.layers();
        int n = old.size();
        if (n < 5 || n % 2 == 0 || !(old.get(n - 1) instanceof DepthToSpace) || !(old.get(n - 2) instanceof InputSkip)
                || net.inputChannels() != 3 || !alternatesConvAndPrelu(old.subList(0, n - 2))) {
            throw new IllegalArgumentException("not a real-photo network (3x3 convs with PReLU on RGB, head conv,"
                    + " input skip, depth-to-space)");
        }
        int oldConvs = (n - 5) / 2;
        int oldFeatures = ((Conv2d) old.get(0)).outChannels();
        if (features < oldFeatures || convs < oldConvs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a real-photo net can only be widened: the"
                    + " --init net has %d features and %d convs; asked for %d and %d", oldFeatures, oldConvs,
                    features, convs));
        }
        List<Layer> fresh = compactRgb(net.scale(), features, convs, seed).layers();
        return new Network(3, grown(old, fresh, 2, oldConvs, convs, oldFeatures, 3));
    }

    /**
     * {@code old}'s layers embedded in {@code fresh}'s, both shaped front conv/PReLU pairs, then repeated 3×3
     * conv/PReLU pairs over {@code passChannels} channels ({@code oldPairs} of them in {@code old},
     * {@code newPairs} in {@code fresh}), then {@code tail} layers: the old front and pairs first, identity pairs
     * (PReLU slope 1 on the old channels) up to the new count, then the old tail.
     */
    private static List<Layer> grown(List<Layer> old, List<Layer> fresh, int front, int oldPairs, int newPairs,
            int passChannels, int tail) {
        List<Layer> layers = new ArrayList<>(fresh);
        for (int i = 0; i < front + 2 * oldPairs; i += 2) {
            layers.set(i, embed((Conv2d) old.get(i), (Conv2d) fresh.get(i)));
            layers.set(i + 1, embed((PRelu) old.get(i + 1), (PRelu) fresh.get(i + 1), 0.25f));
        }
        for (int i = front + 2 * oldPairs; i < front + 2 * newPairs; i += 2) {
            layers.set(i, embed(identity(passChannels, (Conv2d) fresh.get(i)), (Conv2d) fresh.get(i)));
            layers.set(i + 1, embed(new PRelu(filled(passChannels, 1f)), (PRelu) fresh.get(i + 1), 0.25f));
        }
        for (int j = 0; j < tail; j++) {
            Layer o = old.get(old.size() - tail + j);
            int at = fresh.size() - tail + j;
            layers.set(at, o instanceof Conv2d ? embed((Conv2d) o, (Conv2d) fresh.get(at))
                    : o instanceof PRelu ? embed((PRelu) o, (PRelu) fresh.get(at), 0.25f) : o);
        }
        return layers;
    }

    private static boolean alternatesConvAndPrelu(List<Layer> body) {
        for (int i = 0; i < body.size(); i++) {
            if (i % 2 == 0 ? !(body.get(i) instanceof Conv2d) : !(body.get(i) instanceof PRelu)) {
                return false;
            }
        }
        return body.size() % 2 == 1;
    }

    /**
     * {@code old}'s weights in the first in/out channels of a conv shaped like {@code fresh}; new output
     * channels take a tenth of {@code fresh}'s weights, the new inputs' weights into old outputs are zero.
     */
    private static Conv2d embed(Conv2d old, Conv2d fresh) {
        int k = fresh.kernelSize();
        int taps = k * k;
        int in = fresh.inChannels();
        int oldIn = old.inChannels();
        float[] w = fresh.weights();
        float[] oldW = old.weights();
        float[] oldB = old.bias();
        float[] b = new float[fresh.outChannels()];
        for (int o = 0; o < fresh.outChannels(); o++) {
            for (int t = 0; t < taps; t++) {
                for (int i = 0; i < in; i++) {
                    int at = (o * taps + t) * in + i;
                    if (o >= old.outChannels()) {
                        w[at] *= NEW_CHANNEL_GAIN;
                    } else {
                        w[at] = i < oldIn ? oldW[(o * taps + t) * oldIn + i] : 0f;
                    }
                }
            }
            b[o] = o < old.outChannels() ? oldB[o] : 0f;
        }
        return new Conv2d(in, fresh.outChannels(), k, w, b, old.fusedRelu());
    }

    private static PRelu embed(PRelu old, PRelu fresh, float newSlope) {
        float[] alpha = filled(fresh.channels(), newSlope);
        System.arraycopy(old.alpha(), 0, alpha, 0, old.channels());
        return new PRelu(alpha);
    }

    /** A 3×3 (or {@code like}'s kernel) conv over {@code channels} that passes its input through. */
    private static Conv2d identity(int channels, Conv2d like) {
        int k = like.kernelSize();
        float[] w = new float[channels * k * k * channels];
        int centre = (k / 2) * k + k / 2;
        for (int c = 0; c < channels; c++) {
            w[(c * k * k + centre) * channels + c] = 1f;
        }
        return new Conv2d(channels, channels, k, w, new float[channels], false);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /** A widened net's new channels start with this fraction of the He-normal weights: small, but not symmetric. */
    private static final float NEW_CHANNEL_GAIN = 0.1f;

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
        return macsPerOutputPixel(network, i -> true);
    }

    /** The multiply-accumulates per output pixel of the layers {@code counted} takes (an int8 file's float ones). */
    public static double macsPerOutputPixel(Network network, IntPredicate counted) {
        double macs = 0;
        int pixelsPerInput = 1;
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Conv2d c = counted.test(i) ? convolutionOf(layer) : null;
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
