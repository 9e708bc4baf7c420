package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real network shapes with random weights, for tests and the benchmark. */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /** SRCNN's shape: 9-5-5 convolutions with ReLU, on one channel, scale 1 (it runs on a pre-upscaled image). */
    public static Network srcnn(Random random, int features1, int features2) {
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 1, features1, 9, true));
        layers.add(conv(random, features1, features2, 5, true));
        layers.add(conv(random, features2, 1, 5, false));
        return new Network(1, layers);
    }

    /**
     * An ESPCN-like pixel-shuffle network with a residual: conv5 + PReLU, conv3 + LeakyReLU, a residual add,
     * conv3 to channels·scale², depth-to-space, and a 3x3 conv in the upscaled space.
     */
    public static Network pixelShuffle(Random random, int channels, int scale, int features) {
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, channels, features, 5, false));
        layers.add(new PRelu(uniform(random, features, 0.3f)));
        layers.add(conv(random, features, features, 3, false));
        layers.add(new LeakyRelu(0.2f));
        layers.add(new Add(1));
        layers.add(conv(random, features, channels * scale * scale, 3, false));
        layers.add(new DepthToSpace(scale));
        layers.add(conv(random, channels, channels, 3, false));
        return new Network(channels, layers);
    }

    /** ESPCN's published shape (5x5x64, 3x3x32, 3x3 to 3·scale², pixel shuffle) on RGB: a realistic cost. */
    public static Network espcn(Random random, int scale) {
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 3, 64, 5, true));
        layers.add(conv(random, 64, 32, 3, true));
        layers.add(conv(random, 32, 3 * scale * scale, 3, false));
        layers.add(new DepthToSpace(scale));
        return new Network(3, layers);
    }

    /**
     * The Fast / real-photo shape in miniature: conv5 + PReLU, a conv3 to channels·scale², an {@link InputSkip}
     * near the copy pattern, depth-to-space.
     */
    public static Network inputSkip(Random random, int channels, int scale, int features) {
        int copies = channels * scale * scale;
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, channels, features, 5, false));
        layers.add(new PRelu(uniform(random, features, 0.3f)));
        layers.add(conv(random, features, copies, 3, false));
        layers.add(new InputSkip(new Conv2d(channels, copies, 1, nearCopy(random, channels, copies),
                uniform(random, copies, 0.02f), false)));
        layers.add(new DepthToSpace(scale));
        return new Network(channels, layers);
    }

    /**
     * 1x1 weights that copy input channel j mod channels into channel j (DEPTH_TO_SPACE's order), each off by up
     * to ±0.01 as trained copies are.
     */
    public static float[] nearCopy(Random random, int channels, int copies) {
        float[] w = uniform(random, copies * channels, 0.01f);
        for (int o = 0; o < copies; o++) {
            w[o * channels + o % channels] += 1f;
        }
        return w;
    }

    /** Weights with variance ~ 1 / fan-in, so activations stay of order one through the layers. */
    public static Conv2d conv(Random random, int in, int out, int k, boolean relu) {
        float bound = (float) Math.sqrt(3.0 / (in * k * k));
        return new Conv2d(in, out, k, uniform(random, out * k * k * in, bound), uniform(random, out, 0.1f), relu);
    }

    public static float[] uniform(Random random, int n, float bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return v;
    }

    public static FloatImage randomImage(Random random, int width, int height, int channels) {
        float[] data = new float[width * height * channels];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(width, height, channels, data);
    }
}
