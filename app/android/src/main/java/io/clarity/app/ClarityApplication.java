package io.clarity.app;

import android.app.Application;

import androidx.annotation.NonNull;
import androidx.work.Configuration;

import io.clarity.app.tflite.TfliteRuntime;
import io.clarity.app.work.EnhanceWorkerFactory;

/**
 * Gives WorkManager the factory that builds enhance workers with the TFLite runtime (the manifest turns
 * WorkManager's own start-up initializer off so this configuration is the one used).
 */
public final class ClarityApplication extends Application implements Configuration.Provider {
    @NonNull
    @Override
    public Configuration getWorkManagerConfiguration() {
        return new Configuration.Builder()
                .setWorkerFactory(new EnhanceWorkerFactory(new TfliteRuntime(this)))
                .build();
    }
}
