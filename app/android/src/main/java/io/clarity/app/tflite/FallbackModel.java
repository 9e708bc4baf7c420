package io.clarity.app.tflite;

import android.util.Log;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

/**
 * GPU delegate → XNNPACK CPU → the Java reference network, moving down the moment a backend does not work: a
 * delegate that fails to initialise, or throws on a tile mid-job, costs that tile a retry on the CPU, never the
 * job; a TFLite native library that cannot load ({@link LinkageError}) moves the job to the Java network. The spec
 * stays the first backend's (a fixed GPU tile shape), which the free-shape CPU and Java models accept as well.
 */
public final class FallbackModel implements SuperResolutionModel {
    private static final String TAG = "ClarityRuntime";

    private final BackendFactory factory;
    private final String modelId;
    private final GpuCrashGuard guard;
    private final RuntimeStats stats;
    private final ModelSpec spec;
    private SuperResolutionModel current;
    private Backend backend;

    private FallbackModel(BackendFactory factory, String modelId, GpuCrashGuard guard, RuntimeStats stats,
                          SuperResolutionModel current, Backend backend) {
        this.factory = factory;
        this.modelId = modelId;
        this.guard = guard;
        this.stats = stats;
        this.current = current;
        this.backend = backend;
        this.spec = current.spec();
    }

    /**
     * A model on the GPU when {@code guard} is given (the GPU is supported and not known to crash with this
     * model), else, or when the delegate cannot start, on the CPU; on the Java network when TFLite cannot load.
     */
    public static SuperResolutionModel create(BackendFactory factory, String modelId, GpuCrashGuard guard,
                                              RuntimeStats stats) throws Exception {
        if (guard != null) {
            guard.gpuRunStarting(modelId); // on disk before the driver runs: a native crash leaves the mark
            try {
                SuperResolutionModel gpu = factory.create(Backend.GPU);
                stats.started(Backend.GPU);
                return new FallbackModel(factory, modelId, guard, stats, gpu, Backend.GPU);
            } catch (Exception | LinkageError e) {
                guard.gpuRunEnded(modelId);
                Log.w(TAG, "GPU delegate did not start, using the CPU", e);
                stats.fellBack(Backend.CPU, RuntimeStats.Fallback.GPU_FAILED, String.valueOf(e));
            }
        } else {
            stats.started(Backend.CPU);
        }
        SuperResolutionModel cpu = cpuOrJava(factory, stats);
        return new FallbackModel(factory, modelId, null, stats, cpu, stats.backend());
    }

    private static SuperResolutionModel cpuOrJava(BackendFactory factory, RuntimeStats stats) throws Exception {
        try {
            return factory.create(Backend.CPU);
        } catch (LinkageError e) {
            Log.w(TAG, "TFLite did not load, using the Java reference network", e);
            stats.fellBack(Backend.JAVA, RuntimeStats.Fallback.NO_NATIVE_LIBRARY, String.valueOf(e));
            return factory.create(Backend.JAVA);
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) throws Exception {
        long start = System.nanoTime();
        FloatImage out;
        try {
            out = current.upscale(tile);
        } catch (Exception | LinkageError e) {
            if (backend != Backend.GPU) {
                throw e;
            }
            Log.w(TAG, "GPU delegate failed mid-job, continuing on the CPU", e);
            closeCurrent();
            stats.fellBack(Backend.CPU, RuntimeStats.Fallback.GPU_FAILED, String.valueOf(e));
            current = cpuOrJava(factory, stats);
            backend = stats.backend();
            start = System.nanoTime();
            out = current.upscale(tile);
        }
        stats.tileDone(System.nanoTime() - start);
        return out;
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
            if (backend == Backend.GPU) {
                guard.gpuRunEnded(modelId);
            }
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
