package io.clarity.app;

import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Network;

import java.util.Arrays;
import java.util.Random;

/** Tiny real networks for tests: the engine's pure-Java runtime runs them through the model contract. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** RGB ×2: a 3×3 convolution to 12 channels, then depth-to-space; weights fixed by the seed. */
    public static Network rgbTimes2(long seed) {
        Random random = new Random(seed);
        float[] weights = new float[12 * 3 * 3 * 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * 0.05);
        }
        // Mostly the centre tap of the matching colour, so the output looks like the input, bigger.
        for (int o = 0; o < 12; o++) {
            int colour = o % 3;
            weights[((o * 3 + 1) * 3 + 1) * 3 + colour] += 1f;
        }
        float[] bias = new float[12];
        Arrays.fill(bias, 0f);
        return new Network(3, Arrays.asList(new Conv2d(3, 12, 3, weights, bias, false), new DepthToSpace(2)));
    }
}
