package io.clarity.app.data;

import android.content.Context;
import android.content.SharedPreferences;
import android.os.Build;

import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.BackendChoice;
import io.clarity.app.tflite.BenchmarkResult;

import java.util.List;

/**
 * Time estimates from this phone's own finished jobs: milliseconds per input megapixel for each model,
 * a moving average of the runs so far; before the first job, from "Test this phone" (the backend Automatic would pick,
 * measured on one tile). No estimate before either: a number not measured here would mislead on a phone three times
 * slower.
 */
public final class EnhanceEstimates {
    private static final String FILE = "estimates";

    private final SharedPreferences preferences;
    private final SettingsStore settings;

    public EnhanceEstimates(Context context) {
        this.preferences = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
        this.settings = new SettingsStore(context);
    }

    public void record(String modelId, long inputPixels, long millis) {
        if (inputPixels <= 0 || millis <= 0) {
            return;
        }
        float perMegapixel = millis / (inputPixels / 1e6f);
        float previous = preferences.getFloat(modelId, -1);
        float next = previous < 0 ? perMegapixel : 0.5f * previous + 0.5f * perMegapixel;
        preferences.edit().putFloat(modelId, next).apply();
    }

    /** Estimated milliseconds for a photo of {@code inputPixels}, or -1 when this model neither ran nor was tested here. */
    public long estimateMillis(String modelId, long inputPixels) {
        float perMegapixel = preferences.getFloat(modelId, -1);
        if (perMegapixel >= 0) {
            return Math.round(perMegapixel * inputPixels / 1e6);
        }
        double tested = benchmarkMillisPerMegapixel(modelId);
        return tested < 0 ? -1 : Math.round(tested * inputPixels / 1e6);
    }

    /** Per megapixel on the backend an automatic job would start on, from the stored benchmark; -1 without one. */
    private double benchmarkMillisPerMegapixel(String modelId) {
        List<BenchmarkResult.Measurement> measured = settings.benchmark().of(modelId);
        if (measured.isEmpty()) {
            return -1;
        }
        boolean gpuMeasured = false;
        boolean int8Measured = false;
        for (BenchmarkResult.Measurement m : measured) {
            gpuMeasured |= m.backend == Backend.GPU;
            int8Measured |= m.backend == Backend.CPU_INT8 && m.error == null;
        }
        Backend chosen = BackendChoice.choose(settings.read().processor(), Build.VERSION.SDK_INT, gpuMeasured, measured,
                int8Measured).backend;
        for (BenchmarkResult.Measurement m : measured) {
            if (m.backend == chosen) {
                return m.millisPerMegapixel();
            }
        }
        return -1;
    }
}
