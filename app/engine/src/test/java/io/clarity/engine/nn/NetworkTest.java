package io.clarity.engine.nn;

import static io.clarity.engine.nn.RandomNetworks.randomImage;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.model.ModelSpec;

import java.util.Arrays;
import java.util.Collections;
import java.util.Random;

import org.junit.Test;

public class NetworkTest {

    /** The definition, written as directly as possible: zero outside the input, OHWI weights. */
    private static float[] naiveConv(FloatImage in, int cout, int k, float[] w, float[] bias, boolean relu) {
        int r = k / 2;
        int cin = in.channels();
        float[] out = new float[in.width() * in.height() * cout];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                for (int o = 0; o < cout; o++) {
                    double sum = bias[o];
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = y + ky - r;
                            int ix = x + kx - r;
                            if (iy < 0 || ix < 0 || iy >= in.height() || ix >= in.width()) {
                                continue;
                            }
                            for (int i = 0; i < cin; i++) {
                                sum += in.get(ix, iy, i) * w[((o * k + ky) * k + kx) * cin + i];
                            }
                        }
                    }
                    out[(y * in.width() + x) * cout + o] = relu ? (float) Math.max(sum, 0) : (float) sum;
                }
            }
        }
        return out;
    }

    private static void assertConvMatchesDefinition(int cin, int cout, int k, boolean relu) {
        Random random = new Random(cin * 100 + cout);
        Conv2d conv = RandomNetworks.conv(random, cin, cout, k, relu);
        FloatImage in = randomImage(random, 11, 6, cin);
        FloatImage out = new Network(cin, Collections.singletonList(conv)).forward(in);
        assertArrayEquals(naiveConv(in, cout, k, conv.weights(), conv.bias(), relu), out.data(), 1e-5f);
    }

    @Test
    public void convWithFewOutputChannelsMatchesDefinition() {
        assertConvMatchesDefinition(5, 3, 3, true);
    }

    @Test
    public void convWithManyOutputChannelsMatchesDefinition() {
        assertConvMatchesDefinition(3, 9, 5, false);
    }

    @Test
    public void convWithKernelLargerThanImageMatchesDefinition() {
        assertConvMatchesDefinition(2, 8, 9, true);
    }

    @Test
    public void depthToSpaceUsesTfliteChannelOrder() {
        int b = 2;
        int c = 3;
        FloatImage in = new FloatImage(2, 1, b * b * c);
        for (int x = 0; x < 2; x++) {
            for (int ch = 0; ch < b * b * c; ch++) {
                in.set(x, 0, ch, x * 100 + ch);
            }
        }
        FloatImage out = new Network(b * b * c, Collections.singletonList(new DepthToSpace(b))).forward(in);
        assertEquals(4, out.width());
        assertEquals(2, out.height());
        assertEquals(c, out.channels());
        for (int x = 0; x < 2; x++) {
            for (int dy = 0; dy < b; dy++) {
                for (int dx = 0; dx < b; dx++) {
                    for (int ch = 0; ch < c; ch++) {
                        assertEquals(x * 100 + (dy * b + dx) * c + ch, out.get(x * b + dx, dy, ch), 0f);
                    }
                }
            }
        }
    }

    @Test
    public void activationsAndResidualAddFollowTheirDefinitions() {
        FloatImage in = new FloatImage(2, 1, 2, new float[] {-1f, 2f, 3f, -4f});
        Network net = new Network(2, Arrays.asList(new PRelu(new float[] {0.5f, 0.25f}), new LeakyRelu(0.1f),
                new Add(Add.NETWORK_INPUT), new Add(0)));
        // prelu: -0.5, 2, 3, -1; leaky: -0.05, 2, 3, -0.1; + input: -1.05, 4, 6, -4.1; + prelu output.
        assertArrayEquals(new float[] {-1.55f, 6f, 9f, -5.1f}, net.forward(in).data(), 1e-6f);
    }

    @Test
    public void inputSkipAddsAOneByOneConvOfTheNetworkInput() {
        // 2 channels in, a conv to 8 (zero weights, bias 0.5), the skip copying channel j mod 2 into j, x2 shuffle:
        // nearest-neighbour upscaling plus 0.5, plus the skip's bias 0.25 on channel 5 (sub-pixel (1, 0), channel 1)
        float[] copy = new float[8 * 2];
        for (int o = 0; o < 8; o++) {
            copy[o * 2 + o % 2] = 1f;
        }
        float[] skipBias = new float[8];
        skipBias[5] = 0.25f;
        float[] half = new float[8];
        Arrays.fill(half, 0.5f);
        Network net = new Network(2, Arrays.asList(new Conv2d(2, 8, 3, new float[8 * 9 * 2], half, false),
                new InputSkip(new Conv2d(2, 8, 1, copy, skipBias, false)), new DepthToSpace(2)));
        FloatImage in = new FloatImage(1, 1, 2, new float[] {0.1f, 0.2f});
        assertArrayEquals(new float[] {0.6f, 0.7f, 0.6f, 0.7f, 0.6f, 0.95f, 0.6f, 0.7f}, net.forward(in).data(), 1e-6f);
        assertEquals(1, net.halo());
    }

    @Test
    public void inputSkipMustFitTheInputAndTheTensor() {
        Random random = new Random(3);
        Conv2d fromThree = new Conv2d(3, 12, 1, new float[36], new float[12], false);
        assertThrows(IllegalArgumentException.class, () -> new Network(1, Arrays.asList(
                RandomNetworks.conv(random, 1, 12, 3, false), new InputSkip(fromThree))));
        assertThrows(IllegalArgumentException.class, () -> new Network(3, Arrays.asList(
                RandomNetworks.conv(random, 3, 12, 3, false), new DepthToSpace(2), new InputSkip(fromThree))));
        assertThrows(IllegalArgumentException.class,
                () -> new InputSkip(new Conv2d(3, 12, 3, new float[12 * 9 * 3], new float[12], false)));
    }

    @Test
    public void haloSumsConvRadiiInInputPixels() {
        assertEquals(4 + 2 + 2, RandomNetworks.srcnn(new Random(1), 4, 2).halo());
        assertEquals(2 + 1 + 1, RandomNetworks.espcn(new Random(1), 3).halo());
        // conv5, conv3, conv3 at x1, then a conv3 after x4 depth-to-space: ceil(1/4) = 1.
        Network shuffle = RandomNetworks.pixelShuffle(new Random(1), 3, 4, 4);
        assertEquals(2 + 1 + 1 + 1, shuffle.halo());
        assertEquals(4, shuffle.scale());
    }

    @Test
    public void rejectsLayersThatDoNotFitTheirInput() {
        Random random = new Random(2);
        assertThrows(IllegalArgumentException.class,
                () -> new Network(3, Collections.singletonList(RandomNetworks.conv(random, 1, 4, 3, true))));
        assertThrows(IllegalArgumentException.class,
                () -> new Network(3, Collections.singletonList(new DepthToSpace(2))));
        assertThrows(IllegalArgumentException.class,
                () -> new Network(3, Arrays.asList(RandomNetworks.conv(random, 3, 4, 3, true), new Add(Add.NETWORK_INPUT))));
        assertThrows(IllegalArgumentException.class,
                () -> new Network(3, Arrays.asList(new LeakyRelu(0.1f), new Add(1))));
        assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 1, 2, new float[4], new float[1], false));
    }

    @Test
    public void fixedShapeModelRejectsOtherTileSizes() {
        ReferenceModel model = ReferenceModel.fixedShape("espcn", RandomNetworks.espcn(new Random(3), 2), 8, 8);
        assertThrows(IllegalArgumentException.class, () -> model.upscale(new FloatImage(8, 7, 3)));
        assertEquals(16, model.upscale(new FloatImage(8, 8, 3)).width());
    }

    @Test
    public void preUpscaledModelHaloCoversInnerNetAndBicubicKernel() {
        ReferenceModel srcnn = ReferenceModel.freeShape("srcnn", RandomNetworks.srcnn(new Random(4), 4, 2));
        ModelSpec spec = new BicubicPreUpscaledModel(srcnn, 3).spec();
        assertEquals(3, spec.scale());
        assertEquals(ModelSpec.Channels.Y, spec.channels());
        assertEquals(3 + 2, spec.halo()); // ceil(8 / 3) + 2
    }
}
