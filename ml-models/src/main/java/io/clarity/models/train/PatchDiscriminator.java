package io.clarity.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The critic of the adversarial fine-tune: a small VGG-style PatchGAN on RGB (3×3 convs, 4×4 stride-2 convs
 * halving the size three times, LeakyReLU 0.2), one real/fake logit per patch. It exists only in training, so it
 * is not an engine {@code Network} (strided convolutions); its weights live in the run folder.
 */
final class PatchDiscriminator implements AutoCloseable {
    private static final int[][] LAYERS = {
            // in, out, kernel, stride
            {3, 32, 3, 1}, {32, 32, 4, 2}, {32, 64, 3, 1}, {64, 64, 4, 2}, {64, 128, 3, 1}, {128, 128, 4, 2},
            {128, 1, 3, 1}};

    private final List<NDArray> parameters = new ArrayList<>();

    PatchDiscriminator(NDManager manager, long seed) {
        Random random = new Random(seed);
        for (int[] l : LAYERS) {
            int in = l[0];
            int out = l[1];
            int k = l[2];
            float[] w = new float[out * in * k * k];
            float std = (float) Math.sqrt(2.0 / (in * k * k));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextGaussian() * std;
            }
            parameters.add(manager.create(w, new Shape(out, in, k, k)));
            parameters.add(manager.create(new float[out], new Shape(out)));
        }
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
    }

    List<NDArray> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** Logits, one per patch of the N×3×H×W input. */
    NDArray forward(NDArray x) {
        for (int i = 0; i < LAYERS.length; i++) {
            int stride = LAYERS[i][3];
            // padding 1: 'same' for 3×3, and exact halving of even sizes for 4×4 stride 2
            x = ai.djl.nn.convolutional.Conv2d.conv2d(x, parameters.get(2 * i), parameters.get(2 * i + 1),
                    new Shape(stride, stride), new Shape(1, 1)).singletonOrThrow();
            if (i < LAYERS.length - 1) {
                x = Activation.leakyRelu(x, 0.2f);
            }
        }
        return x;
    }

    /** Non-saturating GAN losses: −log σ(logit) for "real", −log(1 − σ(logit)) for "fake". */
    static NDArray realLoss(NDArray logits) {
        return Activation.softPlus(logits.neg()).mean();
    }

    static NDArray fakeLoss(NDArray logits) {
        return Activation.softPlus(logits).mean();
    }

    void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (NDArray p : parameters) {
                float[] v = p.toFloatArray();
                out.writeInt(v.length);
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        TrainingCheckpoint.writeAtomically(file, bytes.toByteArray());
    }

    void load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (NDArray p : parameters) {
                int n = in.readInt();
                if (n != p.size()) {
                    throw new IOException(file + ": tensor of " + n + " values where the discriminator has " + p.size());
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readFloat();
                }
                p.set(FloatBuffer.wrap(v));
            }
        }
    }

    @Override
    public void close() {
        new NDList(parameters).close();
    }
}
