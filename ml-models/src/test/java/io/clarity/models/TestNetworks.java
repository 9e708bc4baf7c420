package io.clarity.models;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real network shapes with random weights (variance ~ 1 / fan-in) and random or photo inputs. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** SRCNN's shape on Y: 9-5-5 with ReLU, scale 1. */
    public static Network srcnn(Random random, int features1, int features2) {
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, 1, features1, 9, true));
        layers.add(conv(random, features1, features2, 5, true));
        layers.add(conv(random, features2, 1, 5, false));
        return new Network(1, layers);
    }

    /** Pixel shuffle x{@code scale} with PReLU, LeakyReLU, a residual add and a conv after the shuffle. */
    public static Network pixelShuffle(Random random, int channels, int scale, int features) {
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(random, channels, features, 3, false));
        layers.add(new PRelu(uniform(random, features, 0.3f)));
        layers.add(conv(random, features, features, 3, false));
        layers.add(new LeakyRelu(0.2f));
        layers.add(new Add(1));
        layers.add(conv(random, features, features, 3, true));
        layers.add(conv(random, features, channels * scale * scale, 3, false));
        layers.add(new DepthToSpace(scale));
        // A trained SR net outputs pixels: half-size final weights keep this one's output near the unit range,
        // where PSNR against peak 1 means what it means for images.
        Conv2d last = conv(random, channels, channels, 3, false);
        float[] w = last.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.5f;
        }
        layers.add(new Conv2d(channels, channels, 3, w, last.bias(), false));
        return new Network(channels, layers);
    }

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
