package io.clarity.app.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.BenchmarkResult;
import io.clarity.app.tflite.Processor;
import io.clarity.app.work.EnhanceRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;

import java.util.Arrays;

/**
 * Settings survive process death: a store written by one instance is read back by a new one over the same app
 * storage (what a fresh process does), at the API levels the settings branch on (NNAPI is offered on 27–34).
 */
@RunWith(AndroidJUnit4.class)
@Config(sdk = {26, 27, 34, 35})
public class SettingsStoreTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    @Test
    public void aFreshInstallHasTheStatedDefaults() {
        AppSettings s = new SettingsStore(context).read();
        assertEquals(AppSettings.DEFAULTS, s);
        assertTrue("location kept in saved pictures", s.locationInSaved());
        assertFalse("location left out of shared copies", s.locationInShared());
        assertTrue(s.keepGainMap());
        assertEquals(Processor.AUTOMATIC, s.processor());
    }

    @Test
    public void everySettingIsReadBackByANewStore() {
        AppSettings changed = AppSettings.DEFAULTS.withKind(ModelInfo.Kind.DETAIL).withScale(4)
                .withFormat(EnhanceRequest.Format.PNG).withJpegQuality(80).withLocationInSaved(false)
                .withLocationInShared(true).withGainMap(false).withProcessor(Processor.CPU);
        new SettingsStore(context).write(changed);
        assertEquals(changed, new SettingsStore(context).read());
    }

    @Test
    public void theBenchmarkIsReadBackByANewStore() {
        BenchmarkResult result = new BenchmarkResult(1234L, Arrays.asList(
                new BenchmarkResult.Measurement("fast-x2-fp16", Backend.CPU, 41.5, Double.POSITIVE_INFINITY, 180 * 180, null),
                new BenchmarkResult.Measurement("fast-x2-fp16", Backend.NNAPI, 0, Double.NaN, 0, "java.lang.IllegalArgumentException: no driver")));
        new SettingsStore(context).writeBenchmark(result);
        BenchmarkResult read = new SettingsStore(context).benchmark();
        assertEquals(result.encode(), read.encode());
        assertEquals(1234L, read.measuredAtMillis());
        assertTrue(read.of("fast-x2-fp16").get(0).passed());
        assertFalse(read.of("fast-x2-fp16").get(1).passed());
    }

    @Test
    public void aValueThisVersionDoesNotKnowReadsAsTheDefault() {
        context.getSharedPreferences("settings", Context.MODE_PRIVATE).edit()
                .putString("processor", "TPU").putInt("jpegQuality", 400).commit();
        AppSettings s = new SettingsStore(context).read();
        assertEquals(Processor.AUTOMATIC, s.processor());
        assertEquals(AppSettings.DEFAULTS.jpegQuality(), s.jpegQuality());
    }
}
