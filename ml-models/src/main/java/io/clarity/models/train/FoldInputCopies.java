package io.clarity.models.train;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Converts a Fast or real-photo net from the older layout, whose first layer copies the input into C·scale²
 * channels (a 1×1 conv W₀x + b₀) for the first feature conv to read and the output maker to add back, into the
 * current one: the first feature conv reads the input itself, with W₁·W₀ as its weights and b₁ + Σ W₁·b₀ as its
 * bias, and the copy becomes an {@link InputSkip}. The body's first conv then reads C channels instead of
 * C·scale² (issue #13). It is exact wherever the first conv's window lies inside the tile (the older layout saw
 * b₀ there and zero padding outside it): everywhere the engine keeps, since its tiles carry a halo at least the
 * receptive field and it mirrors the image border. Trained copies are not exact copies (weights up to 0.01 off the
 * pattern, biases up to 0.02 on the shipped nets), which is why the skip stays a convolution rather than becoming
 * a plain copy of the input: dropping that difference cost fast-x2 0.02 dB on Set5.
 * Usage: {@code FoldInputCopies IN.clw OUT.clw} (OUT may be IN).
 */
public final class FoldInputCopies {
    /** Largest difference from the older layout tolerated in the self-check (float rounding only). */
    private static final float TOLERANCE = 1e-4f;

    private FoldInputCopies() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FoldInputCopies IN.clw OUT.clw");
            System.exit(2);
        }
        try {
            System.out.println(convert(Paths.get(args[0]), Paths.get(args[1])));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Folds {@code in} into {@code out} after checking on a seeded tile that the two compute the same away from
     * the tile's border; writes nothing if they do not or {@code in} is not in the older layout.
     *
     * @return one line: the MACs per output pixel before and after, and the difference measured
     */
    static String convert(Path in, Path out) throws IOException {
        WeightsFile weights = WeightsFile.read(in);
        Network old = weights.network();
        String why = whyNotFoldable(old);
        if (why != null) {
            throw new IllegalArgumentException(in + ": nothing to fold: " + why);
        }
        Network folded = fold(old);
        float difference = interiorDifference(old, folded, new Random(1), 48);
        if (!(difference <= TOLERANCE)) {
            throw new IllegalArgumentException(in + ": the folded net differs from it by " + difference
                    + " inside a test tile; nothing written");
        }
        Path part = out.resolveSibling(out.getFileName() + ".part");
        new WeightsFile(folded, weights.bicubicPreUpscale()).write(part);
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return String.format(Locale.ROOT, "%s: %.0f → %.0f MACs per output pixel, %d → %d parameters, "
                        + "max abs difference %.2g away from the tile border",
                out, Architectures.macsPerOutputPixel(old), Architectures.macsPerOutputPixel(folded),
                Architectures.parameterCount(old), Architectures.parameterCount(folded), difference);
    }

    public static boolean isFoldable(Network network) {
        return whyNotFoldable(network) == null;
    }

    /** The net in the current layout: folded when it is in the older input-copy layout, else itself. */
    public static Network inCurrentLayout(Network network) {
        return isFoldable(network) ? fold(network) : network;
    }

    /** Null for a net in the older input-copy layout, otherwise what is not. */
    static String whyNotFoldable(Network network) {
        List<Layer> layers = network.layers();
        int n = layers.size();
        if (n < 4) {
            return "it has " + n + " layers; the input-copy layout has at least a copy, a conv, an add and DEPTH_TO_SPACE";
        }
        if (!(layers.get(0) instanceof Conv2d) || ((Conv2d) layers.get(0)).kernelSize() != 1
                || ((Conv2d) layers.get(0)).fusedRelu()) {
            return "layer 0 is " + name(layers.get(0)) + ", not the 1x1 conv without ReLU that copies the input";
        }
        if (!(layers.get(1) instanceof Conv2d)) {
            return "layer 1 is " + name(layers.get(1)) + ", not a conv reading the input copies";
        }
        if (!(layers.get(n - 1) instanceof DepthToSpace) || !(layers.get(n - 2) instanceof Add)
                || ((Add) layers.get(n - 2)).from() != 0) {
            return "it does not end in an add of layer 0 and DEPTH_TO_SPACE (" + name(layers.get(n - 2)) + ", "
                    + name(layers.get(n - 1)) + ")";
        }
        for (int i = 0; i < n - 2; i++) {
            if (layers.get(i) instanceof Add && ((Add) layers.get(i)).from() == 0) {
                return "layer " + i + " also adds the copy";
            }
        }
        return null;
    }

    /** The same net in the current layout; see the class comment for where it is exact. */
    public static Network fold(Network network) {
        String why = whyNotFoldable(network);
        if (why != null) {
            throw new IllegalArgumentException("nothing to fold: " + why);
        }
        List<Layer> layers = network.layers();
        Conv2d copy = (Conv2d) layers.get(0);
        Conv2d first = (Conv2d) layers.get(1);
        int c = copy.inChannels();
        int j = copy.outChannels();
        int taps = first.kernelSize() * first.kernelSize();
        float[] w0 = copy.weights();
        float[] b0 = copy.bias();
        float[] w1 = first.weights();
        float[] b1 = first.bias();
        float[] w = new float[first.outChannels() * taps * c];
        float[] b = new float[first.outChannels()];
        for (int o = 0; o < first.outChannels(); o++) {
            double bias = b1[o];
            for (int t = 0; t < taps; t++) {
                int row = (o * taps + t) * j;
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int k = 0; k < j; k++) {
                        sum += (double) w1[row + k] * w0[k * c + ch];
                    }
                    w[(o * taps + t) * c + ch] = (float) sum;
                }
                for (int k = 0; k < j; k++) {
                    bias += (double) w1[row + k] * b0[k];
                }
            }
            b[o] = (float) bias;
        }
        List<Layer> out = new ArrayList<>();
        out.add(new Conv2d(c, first.outChannels(), first.kernelSize(), w, b, first.fusedRelu()));
        int n = layers.size();
        for (int i = 2; i < n - 2; i++) {
            Layer layer = layers.get(i);
            // one layer fewer in front: an add of a later layer's output moves down by one
            boolean shifted = layer instanceof Add && ((Add) layer).from() != Add.NETWORK_INPUT;
            out.add(shifted ? new Add(((Add) layer).from() - 1) : layer);
        }
        out.add(new InputSkip(copy));
        out.add(layers.get(n - 1));
        return new Network(c, out);
    }

    /**
     * Max |old − folded| over a seeded random tile of side {@code side}, leaving out the band of the halo's width
     * along its border where zero padding makes them differ.
     */
    static float interiorDifference(Network old, Network folded, Random random, int side) {
        float[] data = new float[side * side * old.inputChannels()];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        FloatImage tile = new FloatImage(side, side, old.inputChannels(), data);
        FloatImage a = old.forward(tile);
        FloatImage b = folded.forward(tile);
        int band = old.halo() * old.scale();
        float max = 0f;
        for (int y = band; y < a.height() - band; y++) {
            for (int x = band; x < a.width() - band; x++) {
                for (int ch = 0; ch < a.channels(); ch++) {
                    max = Math.max(max, Math.abs(a.get(x, y, ch) - b.get(x, y, ch)));
                }
            }
        }
        return max;
    }

    private static String name(Layer layer) {
        if (layer instanceof Conv2d) {
            Conv2d c = (Conv2d) layer;
            return String.format(Locale.ROOT, "a %dx%d conv %d→%d%s", c.kernelSize(), c.kernelSize(), c.inChannels(),
                    c.outChannels(), c.fusedRelu() ? " with ReLU" : "");
        }
        if (layer instanceof Add) {
            int from = ((Add) layer).from();
            return from == Add.NETWORK_INPUT ? "an add of the input" : "an add of layer " + from;
        }
        return "a " + layer.getClass().getSimpleName();
    }
}
