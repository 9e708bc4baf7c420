package io.clarity.app.data;

import android.content.Context;
import android.content.SharedPreferences;

import io.clarity.app.tflite.BenchmarkResult;
import io.clarity.app.tflite.Processor;
import io.clarity.app.work.EnhanceRequest;

/**
 * The one owner of the settings' keys and of the stored benchmark, in app storage ({@link SharedPreferences}, written
 * with {@code commit()} so a value is on disk before the call returns and survives the process being killed). The
 * build has no DataStore (Google's Maven repository is out of reach); SharedPreferences is in the framework. A value
 * an older or newer version wrote that this one does not know reads as the default.
 */
public final class SettingsStore {
    private static final String FILE = "settings";
    private static final String KEY_KIND = "kind";
    private static final String KEY_SCALE = "scale";
    private static final String KEY_FORMAT = "format";
    private static final String KEY_QUALITY = "jpegQuality";
    private static final String KEY_LOCATION_SAVED = "locationInSaved";
    private static final String KEY_LOCATION_SHARED = "locationInShared";
    private static final String KEY_GAIN_MAP = "keepGainMap";
    private static final String KEY_PROCESSOR = "processor";
    private static final String KEY_BENCHMARK = "benchmark";

    private final SharedPreferences prefs;

    public SettingsStore(Context context) {
        this.prefs = context.getApplicationContext().getSharedPreferences(FILE, Context.MODE_PRIVATE);
    }

    public AppSettings read() {
        AppSettings d = AppSettings.DEFAULTS;
        int quality = prefs.getInt(KEY_QUALITY, d.jpegQuality());
        return new AppSettings(
                valueOf(ModelInfo.Kind.class, prefs.getString(KEY_KIND, null), d.kind()),
                prefs.getInt(KEY_SCALE, d.scale()),
                valueOf(EnhanceRequest.Format.class, prefs.getString(KEY_FORMAT, null), d.format()),
                quality >= 1 && quality <= 100 ? quality : d.jpegQuality(),
                prefs.getBoolean(KEY_LOCATION_SAVED, d.locationInSaved()),
                prefs.getBoolean(KEY_LOCATION_SHARED, d.locationInShared()),
                prefs.getBoolean(KEY_GAIN_MAP, d.keepGainMap()),
                valueOf(Processor.class, prefs.getString(KEY_PROCESSOR, null), d.processor()));
    }

    public void write(AppSettings s) {
        prefs.edit()
                .putString(KEY_KIND, s.kind().name())
                .putInt(KEY_SCALE, s.scale())
                .putString(KEY_FORMAT, s.format().name())
                .putInt(KEY_QUALITY, s.jpegQuality())
                .putBoolean(KEY_LOCATION_SAVED, s.locationInSaved())
                .putBoolean(KEY_LOCATION_SHARED, s.locationInShared())
                .putBoolean(KEY_GAIN_MAP, s.keepGainMap())
                .putString(KEY_PROCESSOR, s.processor().name())
                .commit();
    }

    /** The last "Test this phone" result; {@link BenchmarkResult#NONE} before the first. */
    public BenchmarkResult benchmark() {
        return BenchmarkResult.decode(prefs.getString(KEY_BENCHMARK, null));
    }

    public void writeBenchmark(BenchmarkResult result) {
        prefs.edit().putString(KEY_BENCHMARK, result.encode()).commit();
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String name, E otherwise) {
        if (name == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return otherwise;
        }
    }
}
