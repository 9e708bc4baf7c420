package io.clarity.app.tflite;

import android.util.Log;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

/**
 * The chosen backend (GPU or NNAPI delegate, or XNNPACK on the int8 model) → XNNPACK on the float model → the Java
 * reference network, moving down the moment a backend does not work: a delegate that fails to initialise, or throws on a tile mid-job, costs that tile a retry on the CPU, never the
 * job; a TFLite native library that cannot load ({@link LinkageError}) moves the job to the Java network. The spec
 * stays the first backend's (a fixed GPU or NNAPI tile shape), which the free-shape CPU and Java models accept as well.
 */
public final class FallbackModel implements SuperResolutionModel {
    private static final String TAG = "ClarityRuntime";

    private final BackendFactory factory;
    /** The model's id, or for a delegate its crash guard's key ({@link DelegateCrashGuard#key}). */
    private final String modelId;
    private final DelegateCrashGuard guard;
    private final RuntimeStats stats;
    private final ModelSpec spec;
    private SuperResolutionModel current;
    private Backend backend;

    private FallbackModel(BackendFactory factory, String modelId, DelegateCrashGuard guard, RuntimeStats stats,
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
    public static SuperResolutionModel create(BackendFactory factory, String modelId, DelegateCrashGuard guard,
                                              RuntimeStats stats) throws Exception {
        return create(factory, modelId, guard != null ? Backend.GPU : Backend.CPU, guard, stats);
    }

    /**
     * A model on {@code first} ({@link BackendChoice}), falling to the CPU fp32 model when it cannot start and to
     * the Java network when TFLite cannot load. A delegate ({@link Backend#delegate()}) runs only with a
     * {@code guard} that admitted it; without one it is the CPU.
     */
    public static SuperResolutionModel create(BackendFactory factory, String modelId, Backend first,
                                              DelegateCrashGuard guard, RuntimeStats stats) throws Exception {
        if (first.delegate() && guard != null) {
            String key = DelegateCrashGuard.key(modelId, first);
            guard.delegateRunStarting(key); // on disk before the driver runs: a native crash leaves the mark
            try {
                SuperResolutionModel delegate = factory.create(first);
                stats.started(first);
                return new FallbackModel(factory, key, guard, stats, delegate, first);
            } catch (Exception | LinkageError e) {
                guard.delegateRunEnded(key);
                Log.w(TAG, first + " delegate did not start, using the CPU", e);
                stats.fellBack(Backend.CPU, failure(first), String.valueOf(e));
            }
        } else if (first == Backend.CPU_INT8) {
            try {
                SuperResolutionModel int8 = factory.create(Backend.CPU_INT8);
                stats.started(Backend.CPU_INT8);
                return new FallbackModel(factory, modelId, null, stats, int8, Backend.CPU_INT8);
            } catch (Exception e) {
                Log.w(TAG, "int8 model did not start, using the float one", e);
                stats.fellBack(Backend.CPU, RuntimeStats.Fallback.INT8_FAILED, String.valueOf(e));
            } catch (LinkageError e) {
                stats.started(Backend.CPU); // cpuOrJava meets the same missing library and says so
            }
        } else {
            stats.started(Backend.CPU);
        }
        SuperResolutionModel cpu = cpuOrJava(factory, stats);
        return new FallbackModel(factory, modelId, null, stats, cpu, stats.backend());
    }

    private static RuntimeStats.Fallback failure(Backend backend) {
        switch (backend) {
            case GPU:
                return RuntimeStats.Fallback.GPU_FAILED;
            case NNAPI:
                return RuntimeStats.Fallback.NNAPI_FAILED;
            default:
                return RuntimeStats.Fallback.INT8_FAILED;
        }
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
            if (backend == Backend.CPU || backend == Backend.JAVA) {
                throw e;
            }
            Log.w(TAG, backend + " failed mid-job, continuing on the CPU", e);
            Backend failed = backend;
            closeCurrent();
            stats.fellBack(Backend.CPU, failure(failed), String.valueOf(e));
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
            if (backend.delegate() && guard != null) {
                guard.delegateRunEnded(modelId); // the guard's key for this delegate (DelegateCrashGuard.key)
            }
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
