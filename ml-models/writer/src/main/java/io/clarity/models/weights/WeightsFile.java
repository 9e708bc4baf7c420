package io.clarity.models.weights;

import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Clarity's weights file ({@code .clw}): one network, architecture and weights together, all little-endian.
 * <pre>
 * magic "CLRTYNN1" (8 bytes)
 * int32 bicubic pre-upscale factor (1: the network sees the low-resolution image itself)
 * int32 input channels
 * int32 layer count, then per layer an int32 tag and its fields:
 *   1 conv2d          int32 in, int32 out, int32 kernel, int32 fused ReLU (0/1),
 *                     float32[out·k·k·in] weights (OHWI), float32[out] bias
 *   2 prelu           int32 channels, float32[channels] slopes
 *   3 leaky_relu      float32 slope
 *   4 add             int32 earlier layer index (−1: the network input)
 *   5 depth_to_space  int32 block size
 *   6 input_skip      int32 in, int32 out, float32[out·in] weights, float32[out] bias: adds this 1×1 convolution
 *                     of the network input
 * </pre>
 * Training writes it, α-interpolation mixes two of them, and the .tflite writer reads it.
 */
public final class WeightsFile {
    private static final byte[] MAGIC = "CLRTYNN1".getBytes(StandardCharsets.US_ASCII);
    private static final int CONV2D = 1;
    private static final int PRELU = 2;
    private static final int LEAKY_RELU = 3;
    private static final int ADD = 4;
    private static final int DEPTH_TO_SPACE = 5;
    private static final int INPUT_SKIP = 6;

    private final Network network;
    private final int bicubicPreUpscale;

    public WeightsFile(Network network, int bicubicPreUpscale) {
        if (bicubicPreUpscale < 1) {
            throw new IllegalArgumentException("pre-upscale factor must be >= 1, was " + bicubicPreUpscale);
        }
        this.network = network;
        this.bicubicPreUpscale = bicubicPreUpscale;
    }

    public Network network() {
        return network;
    }

    public int bicubicPreUpscale() {
        return bicubicPreUpscale;
    }

    public byte[] toBytes() {
        int size = MAGIC.length + 12;
        for (Layer layer : network.layers()) {
            size += 4 + payloadSize(layer);
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(bicubicPreUpscale).putInt(network.inputChannels()).putInt(network.layers().size());
        for (Layer layer : network.layers()) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                out.putInt(CONV2D).putInt(c.inChannels()).putInt(c.outChannels()).putInt(c.kernelSize())
                        .putInt(c.fusedRelu() ? 1 : 0);
                putFloats(out, c.weights());
                putFloats(out, c.bias());
            } else if (layer instanceof PRelu) {
                float[] alpha = ((PRelu) layer).alpha();
                out.putInt(PRELU).putInt(alpha.length);
                putFloats(out, alpha);
            } else if (layer instanceof LeakyRelu) {
                out.putInt(LEAKY_RELU).putFloat(((LeakyRelu) layer).alpha());
            } else if (layer instanceof Add) {
                out.putInt(ADD).putInt(((Add) layer).from());
            } else if (layer instanceof DepthToSpace) {
                out.putInt(DEPTH_TO_SPACE).putInt(((DepthToSpace) layer).blockSize());
            } else if (layer instanceof InputSkip) {
                Conv2d p = ((InputSkip) layer).projection();
                out.putInt(INPUT_SKIP).putInt(p.inChannels()).putInt(p.outChannels());
                putFloats(out, p.weights());
                putFloats(out, p.bias());
            } else {
                throw new IllegalArgumentException("no weights-file tag for " + layer.getClass().getName());
            }
        }
        return out.array();
    }

    private static int payloadSize(Layer layer) {
        if (layer instanceof Conv2d) {
            Conv2d c = (Conv2d) layer;
            return 16 + 4 * (c.outChannels() * c.kernelSize() * c.kernelSize() * c.inChannels() + c.outChannels());
        }
        if (layer instanceof PRelu) {
            return 4 + 4 * ((PRelu) layer).channels();
        }
        if (layer instanceof InputSkip) {
            Conv2d p = ((InputSkip) layer).projection();
            return 8 + 4 * (p.outChannels() * p.inChannels() + p.outChannels());
        }
        return 4;
    }

    /** Parses a weights file; anything malformed is an IllegalArgumentException saying where. */
    public static WeightsFile parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        if (bytes.length < MAGIC.length || !Arrays.equals(readMagic(in, magic), MAGIC)) {
            throw new IllegalArgumentException("not a Clarity weights file (no CLRTYNN1 magic)");
        }
        int layerIndex = -1;
        try {
            int preUpscale = in.getInt();
            int inputChannels = in.getInt();
            int count = checkedCount(in.getInt(), "layer count");
            List<Layer> layers = new ArrayList<>();
            for (layerIndex = 0; layerIndex < count; layerIndex++) {
                int tag = in.getInt();
                switch (tag) {
                    case CONV2D: {
                        int cin = checkedCount(in.getInt(), "input channels");
                        int cout = checkedCount(in.getInt(), "output channels");
                        int k = checkedCount(in.getInt(), "kernel size");
                        boolean relu = in.getInt() != 0;
                        float[] w = getFloats(in, Math.multiplyExact(Math.multiplyExact(cout, k * k), cin));
                        float[] b = getFloats(in, cout);
                        layers.add(new Conv2d(cin, cout, k, w, b, relu));
                        break;
                    }
                    case PRELU:
                        layers.add(new PRelu(getFloats(in, checkedCount(in.getInt(), "channels"))));
                        break;
                    case LEAKY_RELU:
                        layers.add(new LeakyRelu(in.getFloat()));
                        break;
                    case ADD:
                        layers.add(new Add(in.getInt()));
                        break;
                    case DEPTH_TO_SPACE:
                        layers.add(new DepthToSpace(in.getInt()));
                        break;
                    case INPUT_SKIP: {
                        int cin = checkedCount(in.getInt(), "input channels");
                        int cout = checkedCount(in.getInt(), "output channels");
                        float[] w = getFloats(in, Math.multiplyExact(cout, cin));
                        float[] b = getFloats(in, cout);
                        layers.add(new InputSkip(new Conv2d(cin, cout, 1, w, b, false)));
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown tag " + tag);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last layer");
            }
            layerIndex = -1;
            return new WeightsFile(new Network(inputChannels, layers), preUpscale);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("weights file truncated" + (layerIndex >= 0 ? " in layer " + layerIndex : ""), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("bad weights file" + (layerIndex >= 0 ? " at layer " + layerIndex : "")
                    + ": " + e.getMessage(), e);
        }
    }

    public static WeightsFile read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /**
     * θ = (1 − α)·θa + α·θb for two networks of one architecture (network interpolation, as in ESRGAN):
     * α trades the fidelity-trained weights a for the perceptual ones b.
     */
    public static WeightsFile interpolate(WeightsFile a, WeightsFile b, float alpha) {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        List<Layer> la = a.network.layers();
        List<Layer> lb = b.network.layers();
        if (la.size() != lb.size() || a.network.inputChannels() != b.network.inputChannels()
                || a.bicubicPreUpscale != b.bicubicPreUpscale) {
            throw new IllegalArgumentException("cannot interpolate networks of different architectures");
        }
        List<Layer> mixed = new ArrayList<>();
        for (int i = 0; i < la.size(); i++) {
            Layer x = la.get(i);
            Layer y = lb.get(i);
            if (x instanceof Conv2d && y instanceof Conv2d) {
                mixed.add(mix((Conv2d) x, (Conv2d) y, alpha, i));
            } else if (x instanceof InputSkip && y instanceof InputSkip) {
                mixed.add(new InputSkip(mix(((InputSkip) x).projection(), ((InputSkip) y).projection(), alpha, i)));
            } else if (x instanceof PRelu && y instanceof PRelu) {
                float[] ax = ((PRelu) x).alpha();
                float[] ay = ((PRelu) y).alpha();
                if (ax.length != ay.length) {
                    throw new IllegalArgumentException("layer " + i + ": PReLUs of different widths");
                }
                mixed.add(new PRelu(mix(ax, ay, alpha)));
            } else if (x instanceof LeakyRelu && y instanceof LeakyRelu) {
                float sx = ((LeakyRelu) x).alpha();
                float sy = ((LeakyRelu) y).alpha();
                mixed.add(new LeakyRelu((1 - alpha) * sx + alpha * sy));
            } else if (x instanceof Add && y instanceof Add && ((Add) x).from() == ((Add) y).from()) {
                mixed.add(x);
            } else if (x instanceof DepthToSpace && y instanceof DepthToSpace
                    && ((DepthToSpace) x).blockSize() == ((DepthToSpace) y).blockSize()) {
                mixed.add(x);
            } else {
                throw new IllegalArgumentException("layer " + i + ": " + x.getClass().getSimpleName() + " vs "
                        + y.getClass().getSimpleName());
            }
        }
        return new WeightsFile(new Network(a.network.inputChannels(), mixed), a.bicubicPreUpscale);
    }

    private static Conv2d mix(Conv2d cx, Conv2d cy, float alpha, int layer) {
        if (cx.inChannels() != cy.inChannels() || cx.outChannels() != cy.outChannels()
                || cx.kernelSize() != cy.kernelSize() || cx.fusedRelu() != cy.fusedRelu()) {
            throw new IllegalArgumentException("layer " + layer + ": convolutions of different shapes");
        }
        return new Conv2d(cx.inChannels(), cx.outChannels(), cx.kernelSize(),
                mix(cx.weights(), cy.weights(), alpha), mix(cx.bias(), cy.bias(), alpha), cx.fusedRelu());
    }

    private static float[] mix(float[] a, float[] b, float alpha) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (1 - alpha) * a[i] + alpha * b[i];
        }
        return r;
    }

    private static byte[] readMagic(ByteBuffer in, byte[] magic) {
        in.get(magic);
        return magic;
    }

    private static int checkedCount(int value, String what) {
        if (value < 0 || value > 1 << 20) {
            throw new IllegalArgumentException(what + " " + value + " out of range");
        }
        return value;
    }

    private static void putFloats(ByteBuffer out, float[] values) {
        for (float v : values) {
            out.putFloat(v);
        }
    }

    private static float[] getFloats(ByteBuffer in, int n) {
        if (n > in.remaining() / 4) {
            throw new BufferUnderflowException();
        }
        float[] v = new float[n];
        in.asFloatBuffer().get(v);
        ((Buffer) in).position(in.position() + 4 * n); // Buffer's position(int): ByteBuffer's is Java 9+
        return v;
    }
}
