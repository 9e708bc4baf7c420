package io.clarity.app.ui.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.os.Build;
import android.os.Looper;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.data.AppSettings;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.tflite.Processor;
import io.clarity.app.work.EnhanceRequest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;

/**
 * The settings screen's state holder over the real store and the APK's model catalog: every change is on disk at
 * once, so a new view model over a new store (the next process) shows it; NNAPI is offered on API 27–34 only.
 */
@RunWith(AndroidJUnit4.class)
@Config(sdk = {26, 27, 34, 35})
public class SettingsViewModelTest {
    private final Application app = ApplicationProvider.getApplicationContext();

    private SettingsUiState state(SettingsViewModel vm) {
        shadowOf(Looper.getMainLooper()).idle();
        return vm.getUiState().getValue();
    }

    private SettingsViewModel newProcess() {
        return new SettingsViewModel(app, new SettingsStore(app), Runnable::run);
    }

    @Test
    public void choicesSurviveProcessDeath() {
        SettingsViewModel vm = newProcess();
        assertEquals(AppSettings.DEFAULTS, state(vm).settings());
        vm.onKindSelected(ModelInfo.Kind.DETAIL);
        vm.onFormatSelected(EnhanceRequest.Format.PNG);
        vm.onQualityChanged(150);
        vm.onLocationInSavedChanged(false);
        vm.onLocationInSharedChanged(true);
        vm.onGainMapChanged(false);
        vm.onProcessorSelected(Processor.CPU);
        AppSettings set = state(vm).settings();
        assertEquals(ModelInfo.Kind.DETAIL, set.kind());
        assertTrue("the scale moved to one the Detail models have: " + state(vm).scales(),
                state(vm).scales().contains(set.scale()));
        assertEquals("clamped", 100, set.jpegQuality());

        AppSettings afterDeath = state(newProcess()).settings();
        assertEquals(set, afterDeath);
        assertFalse(afterDeath.locationInSaved());
        assertTrue(afterDeath.locationInShared());
        assertFalse(afterDeath.keepGainMap());
        assertEquals(Processor.CPU, afterDeath.processor());
    }

    @Test
    public void offersNnapiOnlyOnApi27To34() {
        SettingsUiState s = state(newProcess());
        int api = Build.VERSION.SDK_INT;
        assertEquals(api >= 27 && api <= 34, s.processors().contains(Processor.NNAPI));
        assertTrue(s.processors().contains(Processor.AUTOMATIC));
        assertTrue(s.processors().contains(Processor.CPU));
        assertEquals("the APK's catalog: Fast and Detail", 2, s.kinds().size());
    }
}
