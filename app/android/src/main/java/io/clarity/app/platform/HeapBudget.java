package io.clarity.app.platform;

import android.app.ActivityManager;
import android.content.Context;

import io.clarity.engine.pipeline.EnhanceOptions;

/**
 * Tile rows sized to the phone: the output band of one tile row may take a quarter of the app's heap class
 * ({@link ActivityManager#getMemoryClass()}), leaving room for the band before it (garbage not yet collected),
 * the decoder's band, the encoder and the UI. A 50 MP photo at x4 then fits a 192 MB heap.
 */
public final class HeapBudget {
    private static final long MB = 1L << 20;

    private HeapBudget() {
    }

    /** The job's options on this phone. */
    public static EnhanceOptions options(Context context) {
        ActivityManager am = context.getSystemService(ActivityManager.class);
        return forMemoryClass(am == null ? 64 : am.getMemoryClass());
    }

    /** The options for a heap class of {@code megabytes}. */
    public static EnhanceOptions forMemoryClass(int megabytes) {
        return EnhanceOptions.defaults().withMaxBandBytes(megabytes * MB / 4);
    }
}
