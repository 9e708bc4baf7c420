package io.clarity.models.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.models.TestNetworks;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** The PyTorch interpretation of a network must compute what the engine (and so TFLite) computes. */
public class TrainableNetworkTest {
    static {
        PyTorchTestEnvironment.configure();
    }

    @Test
    public void fastNetworkOnPyTorchMatchesEngineForwardIncludingDepthToSpaceOrder() {
        // Random slopes, biases and skip weights make every layer matter.
        Network net = perturbed(Architectures.fast(3, 8, 4, 2, 7), 5);
        assertSameOutput(net, randomImage(13, 9, 1, 11));
    }

    @Test
    public void theInputCopyLayoutStillTrainsAsTheEngineRunsIt() {
        // runs started before the fold resume from checkpoints in that layout
        assertSameOutput(TestNetworks.inputCopyLayout(new Random(6), 3, 2, 3, 6), randomImage(8, 6, 3, 4));
    }

    @Test
    public void depthToSpaceWithThreeOutputChannelsUsesTfliteChannelOrder() {
        Random random = new Random(4);
        float[] w = new float[12 * 3 * 3 * 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        Network net = new Network(2, Arrays.asList(new Conv2d(2, 12, 3, w, new float[12], false),
                new LeakyRelu(0.2f), new DepthToSpace(2)));
        assertSameOutput(net, randomImage(6, 5, 2, 8));
    }

    @Test
    public void compactRgbStartsAsNearestNeighbourUpscalingPerChannel() {
        Network net = Architectures.compactRgb(2, 8, 1, 3);
        List<Layer> layers = new ArrayList<>(net.layers());
        int last = layers.size() - 3;
        Conv2d c = (Conv2d) layers.get(last);
        layers.set(last, new Conv2d(c.inChannels(), c.outChannels(), c.kernelSize(),
                new float[c.weights().length], new float[c.outChannels()], false));
        FloatImage input = randomImage(5, 4, 3, 2);
        FloatImage out = new Network(3, layers).forward(input);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(input.get(x / 2, y / 2, ch), out.get(x, y, ch), 0f);
                }
            }
        }
        assertSameOutput(perturbed(net, 9), input);
    }

    @Test
    public void srcnnOnPyTorchMatchesEngineForward() {
        assertSameOutput(perturbed(Architectures.srcnn(3), 6), randomImage(21, 17, 1, 5));
    }

    @Test
    public void weightsSurviveTheRoundTripThroughPyTorchLayouts() {
        Network net = perturbed(Architectures.fast(2, 6, 4, 1, 11), 12);
        try (NDManager manager = Engine.getInstance().newBaseManager();
             TrainableNetwork trainable = new TrainableNetwork(net, manager)) {
            FloatImage x = randomImage(10, 7, 1, 3);
            assertArrayEquals(net.forward(x).data(), trainable.toNetwork().forward(x).data(), 0f);
        }
    }

    @Test
    public void macsPerOutputPixelCountsLowResolutionLayersOncePerBlock() {
        // SRCNN 9-5-5: 81·64 + 25·64·32 + 25·32 per output pixel, the paper's 57 184.
        assertEquals(57184.0, Architectures.macsPerOutputPixel(Architectures.srcnn(1)), 0.0);
        Network fast = Architectures.fast(2, 48, 16, 4, 1);
        double lowResolution = 25 * 1 * 48 + 48 * 16 + 4 * 9 * 16 * 16 + 16 * 48 + 9 * 48 * 4 + 1 * 4;
        assertEquals(lowResolution / 4, Architectures.macsPerOutputPixel(fast), 1e-9);
    }

    private static void assertSameOutput(Network net, FloatImage input) {
        float[] expected = net.forward(input).data();
        try (NDManager manager = Engine.getInstance().newBaseManager();
             TrainableNetwork trainable = new TrainableNetwork(net, manager)) {
            NDArray x = manager.create(toChw(input), new Shape(1, input.channels(), input.height(), input.width()));
            float[] chw = trainable.forward(x).toFloatArray();
            FloatImage reference = net.forward(input);
            float[] actual = toHwc(chw, reference.width(), reference.height(), reference.channels());
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals("element " + i, expected[i], actual[i], 1e-4f);
            }
        }
    }

    /** The same architecture with random biases, PReLU slopes and jittered conv weights. */
    static Network perturbed(Network net, long seed) {
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                float[] w = c.weights();
                for (int i = 0; i < w.length; i++) {
                    w[i] += 0.05f * (float) random.nextGaussian();
                }
                float[] b = new float[c.outChannels()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = 0.1f * (float) random.nextGaussian();
                }
                layers.add(new Conv2d(c.inChannels(), c.outChannels(), c.kernelSize(), w, b, c.fusedRelu()));
            } else if (layer instanceof InputSkip) {
                Network one = perturbed(new Network(net.inputChannels(), List.of(((InputSkip) layer).projection())), seed + 1);
                layers.add(new InputSkip((Conv2d) one.layers().get(0)));
            } else if (layer instanceof PRelu) {
                float[] a = new float[((PRelu) layer).channels()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = random.nextFloat() * 0.5f;
                }
                layers.add(new PRelu(a));
            } else {
                layers.add(layer);
            }
        }
        return new Network(net.inputChannels(), layers);
    }

    static FloatImage randomImage(int w, int h, int c, long seed) {
        Random random = new Random(seed);
        float[] data = new float[w * h * c];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(w, h, c, data);
    }

    private static float[] toChw(FloatImage image) {
        int c = image.channels();
        int n = image.width() * image.height();
        float[] r = new float[image.data().length];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < c; k++) {
                r[k * n + p] = image.data()[p * c + k];
            }
        }
        return r;
    }

    private static float[] toHwc(float[] chw, int w, int h, int c) {
        int n = w * h;
        float[] r = new float[chw.length];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < c; k++) {
                r[p * c + k] = chw[k * n + p];
            }
        }
        return r;
    }
}
