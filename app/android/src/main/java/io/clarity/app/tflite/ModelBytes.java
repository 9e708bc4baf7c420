package io.clarity.app.tflite;

import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.zip.CRC32;

/**
 * The network bytes one backend loads for one job: the shipped {@code <id>.tflite}, or, for a blendable model at
 * detail strength α > 0, the network θ = (1 − α)·θ_fidelity + α·θ_detail built from {@code <base>.clw} and
 * {@code <base>-detail.clw} (fp16 weights for the GPU delegate, fp32 for XNNPACK); with heavy weights
 * ({@code <base>-heavy.clw}) beside them and a cleaning strength s > 0, θ_fidelity = (1 − s)·θ_light + s·θ_heavy
 * ({@link BlendedModel#blend}). Each blend is built once,
 * on first use, and shared read-only by every tile thread of the job.
 */
public final class ModelBytes {
    private final ModelFiles files;
    private final String modelId;
    private final float alpha;
    private final float strength;
    private final boolean cleanable;
    private final boolean blended;
    private ByteBuffer shipped;
    private WeightsFile fidelity;
    private WeightsFile detail;
    private WeightsFile heavy;
    private ByteBuffer fp16;
    private ByteBuffer fp32;
    private ByteBuffer int8;

    private ModelBytes(ModelFiles files, String modelId, float alpha, float strength, boolean cleanable,
                       boolean blended) {
        this.files = files;
        this.modelId = modelId;
        this.alpha = alpha;
        this.strength = strength;
        this.cleanable = cleanable;
        this.blended = blended;
    }

    /**
     * @param alpha detail strength in [0, 1]; 0, or a model without the two weight files, means the shipped file
     * @throws IllegalArgumentException when α is outside [0, 1]
     * @throws IOException when the folder cannot be listed
     */
    public static ModelBytes of(ModelFiles files, String modelId, float alpha) throws IOException {
        return of(files, modelId, alpha, 0f);
    }

    /**
     * @param strength cleaning strength in [0, 1] for a model with heavy weights (0: its light weights); others
     *                 ignore it
     * @throws IllegalArgumentException when α or the strength is outside [0, 1]
     */
    public static ModelBytes of(ModelFiles files, String modelId, float alpha, float strength) throws IOException {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("detail strength " + alpha + " is outside 0..1");
        }
        if (!(strength >= 0f && strength <= 1f)) {
            throw new IllegalArgumentException("cleaning strength " + strength + " is outside 0..1");
        }
        boolean blendable = blendable(modelId, files.names());
        boolean cleanable = cleanable(files, modelId);
        return new ModelBytes(files, modelId, alpha, strength, cleanable,
                blendable && (alpha > 0f || (cleanable && strength > 0f)));
    }

    /** Whether the model ships heavy weights beside its blendable pair, so a cleaning strength changes it. */
    public static boolean cleanable(ModelFiles files, String modelId) throws IOException {
        return blendable(modelId, files.names())
                && files.names().contains(weightsBase(modelId) + BlendedModel.HEAVY_SUFFIX + ".clw");
    }

    /** The id whose weight files a model shares: without its {@code -fp16} / {@code -int8} precision suffix. */
    public static String weightsBase(String modelId) {
        for (String suffix : new String[] {"-fp16", "-int8"}) {
            if (modelId.endsWith(suffix)) {
                return modelId.substring(0, modelId.length() - suffix.length());
            }
        }
        return modelId;
    }

    /** Whether {@code fileNames} (one folder's listing) hold both weight sets the model blends between. */
    public static boolean blendable(String modelId, Collection<String> fileNames) {
        String base = weightsBase(modelId);
        return fileNames.contains(base + ".clw") && fileNames.contains(base + BlendedModel.DETAIL_SUFFIX + ".clw");
    }

    /** True when the backends get a blend rather than the shipped file. */
    public boolean isBlended() {
        return blended;
    }

    /** The shipped file: its Clarity spec describes every blend as well (same architecture). */
    public synchronized ByteBuffer shipped() throws IOException {
        if (shipped == null) {
            shipped = files.map(modelId + ".tflite");
        }
        return shipped;
    }

    /** The int8 file beside the shipped one, {@code <base>-int8.tflite}. */
    public static String int8File(String modelId) {
        return weightsBase(modelId) + "-int8.tflite";
    }

    /** Whether the int8 backends can run this job: the folder has the int8 file and no blend is asked for. */
    public boolean int8Runnable() throws IOException {
        return !blended && files.names().contains(int8File(modelId));
    }

    /** What {@code backend} loads: the int8 file for {@link Backend#int8()} backends. */
    public synchronized ByteBuffer forBackend(Backend backend) throws IOException {
        if (backend.int8()) {
            if (int8 == null) {
                if (blended) {
                    throw new IOException("no int8 network for a blend at detail strength " + alpha);
                }
                int8 = files.map(int8File(modelId));
            }
            return int8;
        }
        if (!blended) {
            return shipped();
        }
        if (fidelity == null) {
            String base = weightsBase(modelId);
            fidelity = parse(base + ".clw");
            detail = parse(base + BlendedModel.DETAIL_SUFFIX + ".clw");
            heavy = cleanable ? parse(base + BlendedModel.HEAVY_SUFFIX + ".clw") : null;
        }
        if (backend == Backend.GPU) {
            if (fp16 == null) {
                fp16 = direct(BlendedModel.write(modelId, fidelity, heavy, detail, strength, alpha, true));
            }
            return fp16;
        }
        if (fp32 == null) {
            fp32 = direct(BlendedModel.write(modelId, fidelity, heavy, detail, strength, alpha, false));
        }
        return fp32;
    }

    /**
     * The weights the Java reference network runs: {@code <base>.clw}, or the blend at α for a blended model.
     *
     * @throws IOException when the model has no .clw beside it or the file is corrupt
     */
    public synchronized WeightsFile weights() throws IOException {
        if (!blended) {
            return parse(weightsBase(modelId) + ".clw");
        }
        forBackend(Backend.CPU);
        return BlendedModel.blend(fidelity, heavy, detail, strength, alpha);
    }

    /**
     * The GPU delegate's serialization-cache token. Compiled kernels hold the weights, so the token names the
     * bytes the GPU loads (a CRC-32 of them): every blend gets its own entry, and so does a model file that an
     * app update replaced under the same id.
     */
    public synchronized String gpuCacheToken(int tileSide) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer model = forBackend(Backend.GPU).duplicate();
        byte[] chunk = new byte[1 << 16];
        while (model.hasRemaining()) {
            int n = Math.min(chunk.length, model.remaining());
            model.get(chunk, 0, n);
            crc.update(chunk, 0, n);
        }
        return modelId + "-" + Long.toHexString(crc.getValue()) + "-" + tileSide;
    }

    private WeightsFile parse(String fileName) throws IOException {
        try {
            return WeightsFile.parse(files.read(fileName));
        } catch (IllegalArgumentException e) {
            throw new IOException(fileName + ": " + e.getMessage(), e);
        }
    }

    /** A direct buffer in native order holding {@code bytes}: what the interpreter takes besides a mapped file. */
    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        buffer.put(bytes);
        ((Buffer) buffer).rewind(); // Buffer's rewind(): ByteBuffer's override is newer than Android 8.0
        return buffer;
    }
}
