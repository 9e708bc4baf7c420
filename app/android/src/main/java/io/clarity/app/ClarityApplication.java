package io.clarity.app;

import android.app.Application;

import androidx.annotation.NonNull;
import androidx.work.Configuration;

import io.clarity.app.tflite.TfliteRuntime;
import io.clarity.app.work.EnhanceWorkerFactory;
import io.clarity.app.work.WorkManagerEnhanceJobs;

/**
 * Holds the process's one job queue, and gives WorkManager the factory that builds enhance workers with it and
 * the TFLite runtime (the manifest turns WorkManager's own start-up initializer off so this configuration is the
 * one used).
 */
public final class ClarityApplication extends Application implements Configuration.Provider {
    private WorkManagerEnhanceJobs jobs;

    /** The queue the screens, the worker and the notification actions share. */
    public synchronized WorkManagerEnhanceJobs jobs() {
        if (jobs == null) {
            jobs = new WorkManagerEnhanceJobs(this);
        }
        return jobs;
    }

    @NonNull
    @Override
    public Configuration getWorkManagerConfiguration() {
        return new Configuration.Builder()
                .setWorkerFactory(new EnhanceWorkerFactory(jobs(), new TfliteRuntime(this)))
                .build();
    }
}
