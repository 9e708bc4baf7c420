package io.clarity.app.tflite;

import android.content.Context;
import android.content.SharedPreferences;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers, on disk, that a run of a model on a delegate (the GPU, or NNAPI) is in progress. A driver that crashes
 * natively (SIGSEGV) kills the process before any Java catch runs, and WorkManager would start the job on that
 * delegate again, forever; so when a new run finds the mark of one that never ended, that model is unsafe on that
 * delegate on this phone from then on.
 */
public final class DelegateCrashGuard {
    private static final String RUNNING = "running.";
    private static final String UNSAFE = "unsafe.";
    /** What {@link #key} appends to a model id for NNAPI (the GPU's key is the id itself). */
    private static final String NNAPI_SUFFIX = "@nnapi";

    private final SharedPreferences prefs;
    /** Delegate runs alive in this process: their marks are not a dead process's. */
    private final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();

    public DelegateCrashGuard(Context context) {
        // The file's name is from when only the GPU was guarded: kept, so an update keeps the marks it holds.
        this.prefs = context.getApplicationContext().getSharedPreferences("gpu-crash-guard", Context.MODE_PRIVATE);
    }

    /**
     * Why the model of this key ({@link #key}) must not run on its delegate here, or null when it may. A mark left by
     * a run that did not end (its process died) turns into that reason now.
     */
    public synchronized String unsafeReason(String modelId) {
        String started = prefs.getString(RUNNING + modelId, null);
        if (started != null && liveRuns(modelId).get() == 0) {
            prefs.edit()
                    .remove(RUNNING + modelId)
                    .putString(UNSAFE + modelId, "the app stopped during a " + (modelId.endsWith(NNAPI_SUFFIX) ? "NNAPI" : "GPU") + " run of "
                            + modelId + " started " + started)
                    .commit();
        }
        return prefs.getString(UNSAFE + modelId, null);
    }

    /**
     * The guard to hand {@link FallbackModel#create} for {@code modelId}: this one when the GPU may run it, null
     * when it is unsupported, or unsafe (which {@code stats} then records with its reason).
     */
    public DelegateCrashGuard admit(String modelId, boolean gpuSupported, RuntimeStats stats) {
        return admit(modelId, Backend.GPU, gpuSupported, stats);
    }

    /** {@link #admit(String, boolean, RuntimeStats)} for either delegate: the GPU, or NNAPI (its drivers crash too). */
    public DelegateCrashGuard admit(String modelId, Backend delegate, boolean supported, RuntimeStats stats) {
        if (!supported) {
            return null;
        }
        String unsafe = unsafeReason(key(modelId, delegate));
        if (unsafe != null) {
            stats.skippedGpu(delegate == Backend.NNAPI ? RuntimeStats.Fallback.NNAPI_UNSAFE
                    : RuntimeStats.Fallback.GPU_UNSAFE, unsafe);
            return null;
        }
        return this;
    }

    /** The mark's name: the model id for the GPU (as before NNAPI), {@code <id>@nnapi} for NNAPI. */
    static String key(String modelId, Backend delegate) {
        return delegate == Backend.NNAPI ? modelId + NNAPI_SUFFIX : modelId;
    }

    /** Marks a delegate run as started; written synchronously, before the delegate gets a chance to crash. */
    synchronized void delegateRunStarting(String modelId) {
        liveRuns(modelId).incrementAndGet();
        prefs.edit().putString(RUNNING + modelId, new Date().toString()).commit();
    }

    /** The run left the delegate, by finishing, failing in Java or falling back: nothing crashed. */
    synchronized void delegateRunEnded(String modelId) {
        if (liveRuns(modelId).decrementAndGet() <= 0) {
            live.remove(modelId);
            prefs.edit().remove(RUNNING + modelId).commit();
        }
    }

    private AtomicInteger liveRuns(String modelId) {
        return live.computeIfAbsent(modelId, id -> new AtomicInteger());
    }
}
