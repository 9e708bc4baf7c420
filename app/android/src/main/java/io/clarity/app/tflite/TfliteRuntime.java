package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import android.content.Context;
import android.util.Log;

import org.tensorflow.lite.gpu.CompatibilityList;

import io.clarity.app.platform.CpuCores;
import io.clarity.app.work.ModelRuntime;
import io.clarity.app.work.ModelUnavailableException;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The app's {@link ModelRuntime}: the bundled {@code assets/models/<id>.tflite}, memory-mapped, or a real-photo
 * network blended at the job's detail strength ({@link ModelBytes}), run on the GPU when TFLite's
 * CompatibilityList vouches for it and {@link GpuCrashGuard} does not object, on XNNPACK with the big cores
 * otherwise, and on the engine's Java network (from the model's .clw weights) when TFLite's library cannot load.
 */
public final class TfliteRuntime implements ModelRuntime {
    private static final String TAG = "ClarityRuntime";

    private final Context context;
    private final GpuCrashGuard guard;
    private Boolean gpuSupported;

    public TfliteRuntime(Context context) {
        this.context = context.getApplicationContext();
        this.guard = new GpuCrashGuard(this.context);
    }

    @Override
    public ModelFactory factory(String modelId, float detailStrength, float cleaningStrength, RuntimeStats stats)
            throws IOException {
        AssetModelFiles files = new AssetModelFiles(context.getAssets());
        if (!files.names().contains(modelId + ".tflite")) {
            throw new ModelUnavailableException(modelId);
        }
        ModelBytes bytes = ModelBytes.of(files, modelId, detailStrength, cleaningStrength);
        ModelDescription clarity = TfliteMetadata.readSpec(bytes.shipped());
        GpuCrashGuard gpu = guard.admit(modelId, gpuSupported(), stats);
        // Blend now (milliseconds): a broken weights file fails the job before any output is created.
        bytes.forBackend(gpu != null ? Backend.GPU : Backend.CPU);
        int threads = CpuCores.bigCoreCount();
        // The GPU compiles one input shape: the engine's default tile, at the network's resolution.
        int gpuSide = EnhanceOptions.DEFAULT_TILE_SIZE * clarity.bicubicPreUpscale();
        BackendFactory backends = backend -> {
            switch (backend) {
                case GPU:
                    return clarity.wrap(gpuRunner(bytes.forBackend(Backend.GPU), clarity, gpuSide,
                            bytes.gpuCacheToken(gpuSide)));
                case CPU:
                    return clarity.wrap(TfliteModelRunner.cpu(bytes.forBackend(Backend.CPU), clarity, threads));
                default:
                    return clarity.wrap(ReferenceModel.freeShape(modelId, bytes.weights().network()));
            }
        };
        return () -> FallbackModel.create(backends, modelId, gpu, stats);
    }

    private TfliteModelRunner gpuRunner(ByteBuffer model, ModelDescription clarity, int side, String cacheToken) {
        try (CompatibilityList compatibility = new CompatibilityList()) {
            return TfliteModelRunner.gpu(model, clarity, compatibility.getBestOptionsForThisDevice(), side,
                    context.getCacheDir(), cacheToken);
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
}
