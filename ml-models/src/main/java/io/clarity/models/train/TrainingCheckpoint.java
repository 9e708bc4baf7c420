package io.clarity.models.train;

import ai.djl.ndarray.NDArray;
import io.clarity.models.weights.WeightsFile;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A resumable run's state in its run folder: {@code checkpoint.clw} (the weights, a normal weights file) and
 * {@code checkpoint.adam} (step count and Adam's moments). Both are written to a temporary file and moved into
 * place, so an interrupted write leaves the previous checkpoint intact.
 */
final class TrainingCheckpoint {
    private static final int MAGIC = 0x434c4144; // "CLAD"

    private TrainingCheckpoint() {
    }

    static Path weights(Path runDir) {
        return runDir.resolve("checkpoint.clw");
    }

    static Path optimizer(Path runDir) {
        return runDir.resolve("checkpoint.adam");
    }

    static boolean exists(Path runDir) {
        return Files.isRegularFile(weights(runDir)) && Files.isRegularFile(optimizer(runDir));
    }

    static void save(Path runDir, WeightsFile weights, long step, AdamOptimizer adam) throws IOException {
        Files.createDirectories(runDir);
        writeAtomically(weights(runDir), weights.toBytes());
        saveOptimizer(optimizer(runDir), step, adam);
    }

    static void saveOptimizer(Path file, long step, AdamOptimizer adam) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(step);
            out.writeLong(adam.updates());
            List<NDArray> first = adam.firstMoments();
            out.writeInt(first.size());
            for (int i = 0; i < first.size(); i++) {
                writeFloats(out, first.get(i).toFloatArray());
                writeFloats(out, adam.secondMoments().get(i).toFloatArray());
            }
        }
        writeAtomically(file, bytes.toByteArray());
    }

    /** Restores Adam's state and returns the step the run had reached. */
    static long restore(Path runDir, AdamOptimizer adam) throws IOException {
        return restoreOptimizer(optimizer(runDir), adam);
    }

    static long restoreOptimizer(Path path, AdamOptimizer adam) throws IOException {
        try (InputStream file = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(file))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(path + ": not a Clarity optimizer checkpoint");
            }
            long step = in.readLong();
            long updates = in.readLong();
            int n = in.readInt();
            List<float[]> first = new ArrayList<>();
            List<float[]> second = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                first.add(readFloats(in));
                second.add(readFloats(in));
            }
            adam.restore(updates, first, second);
            return step;
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 26) {
            throw new IOException("optimizer checkpoint: bad tensor length " + n);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
