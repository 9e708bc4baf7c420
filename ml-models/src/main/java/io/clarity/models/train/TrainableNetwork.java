package io.clarity.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An engine {@link Network} run on PyTorch through DJL, with its weights as trainable tensors. The forward
 * pass interprets the same layer list the engine, the .tflite writer and the weights file use, with the
 * same semantics (zero 'SAME' padding, per-channel PReLU, TFLite DEPTH_TO_SPACE channel order), so what is
 * trained is exactly what ships and no channel reorder is needed at export.
 */
public final class TrainableNetwork implements AutoCloseable {
    private final Network architecture;
    private final NDManager manager;
    /** Per layer: its tensors (conv, input skip: OIHW weight, bias; PReLU: slopes shaped 1×C×1×1), empty otherwise. */
    private final List<List<NDArray>> layerParameters = new ArrayList<>();
    private final List<NDArray> parameters = new ArrayList<>();

    public TrainableNetwork(Network network, NDManager manager) {
        this.architecture = network;
        this.manager = manager;
        for (Layer layer : network.layers()) {
            List<NDArray> p = new ArrayList<>();
            if (layer instanceof Conv2d || layer instanceof InputSkip) {
                Conv2d c = layer instanceof Conv2d ? (Conv2d) layer : ((InputSkip) layer).projection();
                int k = c.kernelSize();
                p.add(manager.create(ohwiToOihw(c.weights(), c.outChannels(), k, c.inChannels()),
                        new Shape(c.outChannels(), c.inChannels(), k, k)));
                p.add(manager.create(c.bias(), new Shape(c.outChannels())));
            } else if (layer instanceof PRelu) {
                float[] alpha = ((PRelu) layer).alpha();
                p.add(manager.create(alpha, new Shape(1, alpha.length, 1, 1)));
            }
            for (NDArray a : p) {
                a.setRequiresGradient(true);
                parameters.add(a);
            }
            layerParameters.add(p);
        }
    }

    /** The trainable tensors in a fixed order (the optimizer's and the checkpoint's order). */
    public List<NDArray> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** Runs the network on an N×C×H×W batch. */
    public NDArray forward(NDArray input) {
        return forward(input, null);
    }

    /** As {@link #forward(NDArray)}, with the int8 model's activation rounding simulated (null: none). */
    NDArray forward(NDArray input, FakeQuantization int8) {
        List<Layer> layers = architecture.layers();
        NDArray[] outputs = new NDArray[layers.size()];
        NDArray[] unrounded = new NDArray[layers.size()];
        // An input skip adds the float input: the int8 model keeps its skip in float (ExportModel.int8).
        NDArray floatInput = input;
        if (int8 != null) {
            input = int8.input(input);
        }
        NDArray x = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<NDArray> p = layerParameters.get(i);
            if (layer instanceof Conv2d) {
                int pad = ((Conv2d) layer).radius();
                x = ai.djl.nn.convolutional.Conv2d.conv2d(x, p.get(0), p.get(1), new Shape(1, 1), new Shape(pad, pad))
                        .singletonOrThrow();
                if (((Conv2d) layer).fusedRelu()) {
                    x = x.maximum(0f);
                }
            } else if (layer instanceof PRelu) {
                x = x.maximum(0f).add(x.minimum(0f).mul(p.get(0)));
            } else if (layer instanceof LeakyRelu) {
                x = x.maximum(x.mul(((LeakyRelu) layer).alpha()));
            } else if (layer instanceof Add) {
                int from = ((Add) layer).from();
                x = x.add(from == Add.NETWORK_INPUT ? input : int8 != null && int8.addsFloat(from) ? unrounded[from] : outputs[from]);
            } else if (layer instanceof InputSkip) {
                x = x.add(ai.djl.nn.convolutional.Conv2d.conv2d(floatInput, p.get(0), p.get(1), new Shape(1, 1),
                        new Shape(0, 0)).singletonOrThrow());
            } else if (layer instanceof DepthToSpace) {
                x = depthToSpace(x, ((DepthToSpace) layer).blockSize());
            } else {
                throw new IllegalArgumentException("layer " + i + ": cannot train a " + layer.getClass().getSimpleName());
            }
            if (int8 != null) {
                unrounded[i] = x;
                x = int8.output(x, i);
            }
            outputs[i] = x;
        }
        return x;
    }

    /**
     * TFLite DEPTH_TO_SPACE in N×C×H×W: input channel (i·b + j)·C + c lands at row offset i, column offset j
     * of output channel c. (PyTorch's pixel_shuffle orders channels c·b² + i·b + j instead.)
     */
    static NDArray depthToSpace(NDArray x, int b) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / (b * b);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, b, b, c, h, w).transpose(0, 3, 4, 1, 5, 2).reshape(n, c, h * b, w * b);
    }

    /** The current weights as an engine network (conv weights back in OHWI). */
    public Network toNetwork() {
        List<Layer> layers = new ArrayList<>();
        List<Layer> source = architecture.layers();
        for (int i = 0; i < source.size(); i++) {
            Layer layer = source.get(i);
            List<NDArray> p = layerParameters.get(i);
            if (layer instanceof Conv2d) {
                layers.add(trained((Conv2d) layer, p));
            } else if (layer instanceof InputSkip) {
                layers.add(new InputSkip(trained(((InputSkip) layer).projection(), p)));
            } else if (layer instanceof PRelu) {
                layers.add(new PRelu(p.get(0).toFloatArray()));
            } else {
                layers.add(layer);
            }
        }
        return new Network(architecture.inputChannels(), layers);
    }

    private static Conv2d trained(Conv2d c, List<NDArray> p) {
        int k = c.kernelSize();
        return new Conv2d(c.inChannels(), c.outChannels(), k,
                oihwToOhwi(p.get(0).toFloatArray(), c.outChannels(), k, c.inChannels()), p.get(1).toFloatArray(),
                c.fusedRelu());
    }

    static float[] ohwiToOihw(float[] w, int out, int k, int in) {
        float[] r = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < k * k; t++) {
                for (int i = 0; i < in; i++) {
                    r[(o * in + i) * k * k + t] = w[(o * k * k + t) * in + i];
                }
            }
        }
        return r;
    }

    static float[] oihwToOhwi(float[] w, int out, int k, int in) {
        float[] r = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < k * k; t++) {
                for (int i = 0; i < in; i++) {
                    r[(o * k * k + t) * in + i] = w[(o * in + i) * k * k + t];
                }
            }
        }
        return r;
    }

    /** Frees the weight tensors (the manager is the caller's). */
    @Override
    public void close() {
        new NDList(parameters).close();
    }

    NDManager manager() {
        return manager;
    }
}
