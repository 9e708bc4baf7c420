package io.clarity.app.tflite;

import android.util.Log;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

/**
 * Runs on the GPU while the delegate works and moves to the CPU the moment it does not: a delegate that
 * fails to initialise, or throws on a tile mid-job, costs that tile a retry on the CPU, never the job.
 * The spec stays the GPU's (a fixed tile shape), which the free-shape CPU model accepts as well.
 */
public final class FallbackModel implements SuperResolutionModel {
    private static final String TAG = "ClarityRuntime";

    private final BackendFactory factory;
    private final RuntimeStats stats;
    private final ModelSpec spec;
    private SuperResolutionModel current;
    private boolean onCpu;

    private FallbackModel(BackendFactory factory, RuntimeStats stats, SuperResolutionModel current, boolean onCpu) {
        this.factory = factory;
        this.stats = stats;
        this.current = current;
        this.onCpu = onCpu;
        this.spec = current.spec();
    }

    /** A model on the GPU when {@code gpuSupported}, else (or when the delegate cannot start) on the CPU. */
    public static SuperResolutionModel create(BackendFactory factory, boolean gpuSupported, RuntimeStats stats)
            throws Exception {
        if (gpuSupported) {
            try {
                SuperResolutionModel gpu = factory.create(Backend.GPU);
                stats.started(Backend.GPU);
                return new FallbackModel(factory, stats, gpu, false);
            } catch (Exception | LinkageError e) {
                Log.w(TAG, "GPU delegate did not start, using the CPU", e);
                stats.fellBackToCpu(String.valueOf(e));
            }
        } else {
            stats.started(Backend.CPU);
        }
        return new FallbackModel(factory, stats, factory.create(Backend.CPU), true);
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
            if (onCpu) {
                throw e;
            }
            Log.w(TAG, "GPU delegate failed mid-job, continuing on the CPU", e);
            current.close();
            current = null;
            onCpu = true;
            stats.fellBackToCpu(String.valueOf(e));
            current = factory.create(Backend.CPU);
            start = System.nanoTime();
            out = current.upscale(tile);
        }
        stats.tileDone(System.nanoTime() - start);
        return out;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
