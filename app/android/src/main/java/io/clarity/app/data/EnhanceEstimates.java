package io.clarity.app.data;

import android.content.Context;
import android.content.SharedPreferences;

/**
 * Time estimates from this phone's own finished jobs: milliseconds per input megapixel for each model,
 * a moving average of the runs so far. No estimate before the first run: a number not measured here
 * would mislead on a phone three times slower.
 */
public final class EnhanceEstimates {
    private static final String FILE = "estimates";

    private final SharedPreferences preferences;

    public EnhanceEstimates(Context context) {
        this.preferences = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
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

    /** Estimated milliseconds for a photo of {@code inputPixels}, or -1 when this model never ran here. */
    public long estimateMillis(String modelId, long inputPixels) {
        float perMegapixel = preferences.getFloat(modelId, -1);
        return perMegapixel < 0 ? -1 : Math.round(perMegapixel * inputPixels / 1e6);
    }
}
