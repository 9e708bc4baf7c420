package io.clarity.models;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.engine.nn.RandomNetworks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The pixel-shuffle shape ml-models' TFLite tests use, and float comparisons. Random SRCNN nets, convs and images
 * come from the engine's {@link RandomNetworks}.
 */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** Pixel shuffle x{@code scale} with PReLU, LeakyReLU, a residual add and a conv after the shuffle. */
    public static Network pixelShuffle(Random random, int channels, int scale, int features) {
        List<Layer> layers = new ArrayList<>();
        layers.add(RandomNetworks.conv(random, channels, features, 3, false));
        layers.add(new PRelu(RandomNetworks.uniform(random, features, 0.3f)));
        layers.add(RandomNetworks.conv(random, features, features, 3, false));
        layers.add(new LeakyRelu(0.2f));
        layers.add(new Add(1));
        layers.add(RandomNetworks.conv(random, features, features, 3, true));
        layers.add(RandomNetworks.conv(random, features, channels * scale * scale, 3, false));
        layers.add(new DepthToSpace(scale));
        // A trained SR net outputs pixels: half-size final weights keep this one's output near the unit range,
        // where PSNR against peak 1 means what it means for images.
        Conv2d last = RandomNetworks.conv(random, channels, channels, 3, false);
        float[] w = last.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.5f;
        }
        layers.add(new Conv2d(channels, channels, 3, w, last.bias(), false));
        return new Network(channels, layers);
    }

    /**
     * A Fast (1 channel) or real-photo (3) net in the older layout, as the Trainer made them before issue #13's
     * fold: a 1x1 copy of the input into channels·scale² (off the copy pattern by what training leaves: weights
     * ±0.01, biases ±0.02), a {@code kernel}² conv reading the copies, PReLU, a 3x3 conv, PReLU, a 3x3 head,
     * the add of the copy and DEPTH_TO_SPACE.
     */
    public static Network inputCopyLayout(Random random, int channels, int scale, int kernel, int features) {
        int copies = channels * scale * scale;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(channels, copies, 1, RandomNetworks.nearCopy(random, channels, copies),
                RandomNetworks.uniform(random, copies, 0.02f), false));
        layers.add(RandomNetworks.conv(random, copies, features, kernel, false));
        layers.add(new PRelu(RandomNetworks.uniform(random, features, 0.3f)));
        layers.add(RandomNetworks.conv(random, features, features, 3, false));
        layers.add(new PRelu(RandomNetworks.uniform(random, features, 0.3f)));
        layers.add(RandomNetworks.conv(random, features, copies, 3, false));
        layers.add(new Add(0));
        layers.add(new DepthToSpace(scale));
        return new Network(channels, layers);
    }

    public static float maxAbsDifference(FloatImage a, FloatImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new AssertionError("shapes differ: " + a.width() + "x" + a.height() + "x" + a.channels() + " vs "
                    + b.width() + "x" + b.height() + "x" + b.channels());
        }
        float max = 0f;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    /** PSNR in dB for values whose nominal range is [0, 1]. */
    public static double psnr(FloatImage a, FloatImage b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            sum += d * d;
        }
        return 10 * Math.log10(1.0 / (sum / a.data().length));
    }
}
