package io.clarity.app.work;

import android.content.Context;

import androidx.annotation.NonNull;
import androidx.work.ListenableWorker;
import androidx.work.WorkerFactory;
import androidx.work.WorkerParameters;

/** Builds {@link EnhanceWorker}s with their model runtime (TFLite in the app, a fake in tests). */
public final class EnhanceWorkerFactory extends WorkerFactory {
    private final ModelRuntime runtime;

    public EnhanceWorkerFactory(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ListenableWorker createWorker(@NonNull Context context, @NonNull String workerClassName,
                                         @NonNull WorkerParameters parameters) {
        return EnhanceWorker.class.getName().equals(workerClassName)
                ? new EnhanceWorker(context, parameters, runtime) : null;
    }
}
