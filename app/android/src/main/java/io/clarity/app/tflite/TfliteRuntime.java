package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import android.content.Context;
import android.os.Build;
import android.util.Log;

import org.tensorflow.lite.gpu.CompatibilityList;

import io.clarity.app.data.SettingsStore;
import io.clarity.app.platform.CpuCores;
import io.clarity.app.work.ModelRuntime;
import io.clarity.app.work.ModelUnavailableException;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The app's {@link ModelRuntime}: the bundled {@code assets/models/<id>.tflite}, memory-mapped, or a real-photo
 * network blended at the job's detail strength ({@link ModelBytes}), started on the backend {@link BackendChoice}
 * picks from the processor setting and this phone's benchmark (the GPU when TFLite's CompatibilityList vouches for it,
 * NNAPI or XNNPACK on the int8 model, XNNPACK with the big cores on the float one) unless {@link DelegateCrashGuard}
 * objects, and on the engine's Java network (from the model's .clw weights) when TFLite's library cannot load.
 */
public final class TfliteRuntime implements ModelRuntime {
    private static final String TAG = "ClarityRuntime";

    private final Context context;
    private final DelegateCrashGuard guard;
    private final SettingsStore settings;
    private Boolean gpuSupported;

    public TfliteRuntime(Context context) {
        this.context = context.getApplicationContext();
        this.guard = new DelegateCrashGuard(this.context);
        this.settings = new SettingsStore(this.context);
    }

    @Override
    public ModelFactory factory(String modelId, float detailStrength, CleaningStrength cleaning, RuntimeStats stats)
            throws IOException {
        AssetModelFiles files = new AssetModelFiles(context.getAssets());
        if (!files.names().contains(modelId + ".tflite")) {
            throw new ModelUnavailableException(modelId);
        }
        float strength = ModelBytes.cleanable(files, modelId) ? cleaning.measure() : 0f;
        ModelBytes bytes = ModelBytes.of(files, modelId, detailStrength, strength);
        ModelDescription clarity = TfliteMetadata.readSpec(bytes.shipped());
        boolean gpu = gpuSupported();
        BackendChoice.Choice choice = BackendChoice.choose(settings.read().processor(), Build.VERSION.SDK_INT, gpu,
                settings.benchmark().of(modelId), bytes.int8Runnable());
        if (choice.why != BackendChoice.Why.AS_ASKED) {
            stats.skippedGpu(RuntimeStats.Fallback.NOT_AS_SET, choice.why.name());
        }
        Backend first = choice.backend;
        DelegateCrashGuard admitted = first.delegate()
                ? guard.admit(modelId, first, first != Backend.GPU || gpu, stats) : null;
        if (first.delegate() && admitted == null) {
            first = Backend.CPU;
        }
        // Blend now (milliseconds): a broken weights file fails the job before any output is created.
        bytes.forBackend(first);
        BackendFactory backends = backends(modelId, bytes, clarity);
        Backend start = first;
        return () -> FallbackModel.create(backends, modelId, start, admitted, stats);
    }

    /**
     * {@code modelId} as shipped (no blend) on exactly {@code backend}, with no fallback: what "Test this phone"
     * measures ({@link PhoneBenchmark}). Call it on the thread that runs the model.
     */
    public SuperResolutionModel open(String modelId, Backend backend) throws Exception {
        ModelBytes bytes = ModelBytes.of(new AssetModelFiles(context.getAssets()), modelId, 0f);
        BackendFactory backends = backends(modelId, bytes, TfliteMetadata.readSpec(bytes.shipped()));
        if (!backend.delegate()) {
            return backends.create(backend);
        }
        // A driver that kills the process here must not do it on every test, nor in every job after it.
        String key = DelegateCrashGuard.key(modelId, backend);
        String unsafe = guard.unsafeReason(key);
        if (unsafe != null) {
            throw new IllegalStateException(unsafe);
        }
        guard.delegateRunStarting(key);
        SuperResolutionModel model;
        try {
            model = backends.create(backend);
        } catch (Exception | LinkageError e) {
            guard.delegateRunEnded(key);
            throw e;
        }
        return new SuperResolutionModel() {
            @Override
            public io.clarity.engine.model.ModelSpec spec() {
                return model.spec();
            }

            @Override
            public io.clarity.engine.image.FloatImage upscale(io.clarity.engine.image.FloatImage tile) throws Exception {
                return model.upscale(tile);
            }

            @Override
            public void close() {
                model.close();
                guard.delegateRunEnded(key);
            }
        };
    }

    /** Whether TFLite vouches for this phone's GPU (false when its library does not load). */
    public boolean hasGpu() {
        return gpuSupported();
    }

    private BackendFactory backends(String modelId, ModelBytes bytes, ModelDescription clarity) {
        int threads = CpuCores.bigCoreCount();
        // The delegates compile one input shape: the engine's default tile, at the network's resolution.
        int fixedSide = EnhanceOptions.DEFAULT_TILE_SIZE * clarity.bicubicPreUpscale();
        return backend -> {
            switch (backend) {
                case GPU:
                    return clarity.wrap(gpuRunner(bytes.forBackend(Backend.GPU), clarity, fixedSide,
                            bytes.gpuCacheToken(fixedSide)));
                case NNAPI:
                    return clarity.wrap(TfliteModelRunner.nnapi(bytes.forBackend(Backend.NNAPI), clarity, fixedSide));
                case CPU_INT8:
                case CPU:
                    return clarity.wrap(TfliteModelRunner.cpu(bytes.forBackend(backend), clarity, threads));
                default:
                    return clarity.wrap(ReferenceModel.freeShape(modelId, bytes.weights().network()));
            }
        };
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
