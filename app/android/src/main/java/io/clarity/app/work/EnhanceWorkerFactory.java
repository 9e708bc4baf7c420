package io.clarity.app.work;

import android.content.Context;

import androidx.annotation.NonNull;
import androidx.work.ListenableWorker;
import androidx.work.WorkerFactory;
import androidx.work.WorkerParameters;

/** Builds {@link EnhanceWorker}s with the queue and the model runtime (TFLite in the app, a fake in tests). */
public final class EnhanceWorkerFactory extends WorkerFactory {
    private final WorkManagerEnhanceJobs jobs;
    private final ModelRuntime runtime;

    public EnhanceWorkerFactory(WorkManagerEnhanceJobs jobs, ModelRuntime runtime) {
        this.jobs = jobs;
        this.runtime = runtime;
    }

    @Override
    public ListenableWorker createWorker(@NonNull Context context, @NonNull String workerClassName,
                                         @NonNull WorkerParameters parameters) {
        return EnhanceWorker.class.getName().equals(workerClassName)
                ? new EnhanceWorker(context, parameters, jobs, runtime) : null;
    }
}
