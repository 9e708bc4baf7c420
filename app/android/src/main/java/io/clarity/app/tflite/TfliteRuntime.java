package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import android.content.Context;
import android.content.res.AssetFileDescriptor;
import android.content.res.AssetManager;
import android.util.Log;

import org.tensorflow.lite.gpu.CompatibilityList;

import io.clarity.app.platform.CpuCores;
import io.clarity.app.work.ModelRuntime;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The app's {@link ModelRuntime}: the bundled {@code assets/models/<id>.tflite}, memory-mapped, run on the GPU
 * when TFLite's CompatibilityList vouches for it and on XNNPACK with the big cores otherwise.
 */
public final class TfliteRuntime implements ModelRuntime {
    public static final String MODEL_DIR = "models";
    private static final String TAG = "ClarityRuntime";

    private final Context context;
    private Boolean gpuSupported;

    public TfliteRuntime(Context context) {
        this.context = context.getApplicationContext();
    }

    @Override
    public ModelFactory factory(String modelId, RuntimeStats stats) throws IOException {
        ByteBuffer model = map(context.getAssets(), modelId);
        ModelDescription clarity = TfliteMetadata.readSpec(model);
        boolean gpu = gpuSupported();
        int threads = CpuCores.bigCoreCount();
        // The GPU compiles one input shape: the engine's default tile, at the network's resolution.
        int gpuSide = EnhanceOptions.DEFAULT_TILE_SIZE * clarity.bicubicPreUpscale();
        BackendFactory backends = backend -> backend == Backend.GPU
                ? clarity.wrap(gpuRunner(model, clarity, gpuSide, modelId))
                : clarity.wrap(TfliteModelRunner.cpu(model, clarity, threads));
        return () -> FallbackModel.create(backends, gpu, stats);
    }

    private TfliteModelRunner gpuRunner(ByteBuffer model, ModelDescription clarity, int side, String modelId) {
        try (CompatibilityList compatibility = new CompatibilityList()) {
            return TfliteModelRunner.gpu(model, clarity, compatibility.getBestOptionsForThisDevice(), side,
                    context.getCacheDir(), modelId + "-" + side);
        }
    }

    private synchronized boolean gpuSupported() {
        if (gpuSupported == null) {
            try (CompatibilityList compatibility = new CompatibilityList()) {
                gpuSupported = compatibility.isDelegateSupportedOnThisDevice();
            } catch (RuntimeException | LinkageError e) {
                Log.w(TAG, "GPU compatibility check failed", e);
                gpuSupported = false;
            }
        }
        return gpuSupported;
    }

    /** Maps the stored (uncompressed) asset; reads it into memory if the packager compressed it after all. */
    static ByteBuffer map(AssetManager assets, String modelId) throws IOException {
        String path = MODEL_DIR + "/" + modelId + ".tflite";
        try (AssetFileDescriptor fd = assets.openFd(path);
             FileInputStream in = fd.createInputStream();
             FileChannel channel = in.getChannel()) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, fd.getStartOffset(), fd.getDeclaredLength());
            return mapped.order(ByteOrder.nativeOrder());
        } catch (java.io.FileNotFoundException compressed) {
            try (InputStream in = assets.open(path)) {
                byte[] bytes = readAll(in);
                ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
                direct.put(bytes).rewind();
                return direct;
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
