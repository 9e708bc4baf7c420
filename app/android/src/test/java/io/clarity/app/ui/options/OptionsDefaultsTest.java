package io.clarity.app.ui.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.net.Uri;
import android.os.Looper;

import androidx.lifecycle.SavedStateHandle;
import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.data.AppSettings;
import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.data.FakeEnhanceJobs;
import io.clarity.app.data.ModelCatalog;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.work.EnhanceRequest;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.PhotoMetadata;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.util.Collections;
import java.util.List;

/** The options screen starts from Settings, and its jobs carry what Settings say saved pictures keep. */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class OptionsDefaultsTest {
    private final Application app = ApplicationProvider.getApplicationContext();
    private final FakeEnhanceJobs jobs = new FakeEnhanceJobs();

    private Uri photo() throws Exception {
        File file = new File(app.getCacheDir(), "harbour.png");
        StreamingPngWriter writer = new StreamingPngWriter(new FileOutputTarget(file.toPath()), PhotoMetadata.NONE);
        writer.start(40, 30, false);
        writer.writeRows(new ArgbImage(40, 30));
        writer.finish();
        return Uri.fromFile(file);
    }

    private OptionsViewModel options(AppSettings settings) {
        List<ModelInfo> models = ModelCatalog.list(app.getAssets());
        OptionsViewModel vm = new OptionsViewModel(app, new SavedStateHandle(), () -> models, jobs,
                new EnhanceEstimates(app), Runnable::run, settings);
        shadowOf(Looper.getMainLooper()).idle(); // the catalog, read on io, arrives on the main thread
        return vm;
    }

    @Test
    public void aNewBatchStartsFromTheSettings() throws Exception {
        AppSettings settings = AppSettings.DEFAULTS.withKind(ModelInfo.Kind.FAST).withScale(4)
                .withFormat(EnhanceRequest.Format.PNG).withJpegQuality(81).withLocationInSaved(false).withGainMap(false);
        OptionsViewModel vm = options(settings);
        vm.setPhotos(Collections.singletonList(photo()));
        shadowOf(Looper.getMainLooper()).idle();
        OptionsUiState state = vm.getUiState().getValue();
        assertEquals(ModelInfo.Kind.FAST, state.getKind());
        assertEquals(4, state.getScale());
        assertEquals(EnhanceRequest.Format.PNG, state.getFormat());
        assertEquals(81, state.getJpegQuality());
        assertEquals(1, vm.start().size());
        EnhanceRequest request = jobs.enqueued.get(0);
        assertFalse("Settings: no location in saved pictures", request.keepLocation());
        assertFalse("Settings: plain SDR", request.keepGainMap());
    }

    @Test
    public void aDefaultTheModelsDoNotHaveFallsBackToTheFirst() throws Exception {
        OptionsViewModel vm = options(AppSettings.DEFAULTS.withKind(ModelInfo.Kind.DETAIL).withScale(4));
        vm.setPhotos(Collections.singletonList(photo()));
        shadowOf(Looper.getMainLooper()).idle();
        OptionsUiState state = vm.getUiState().getValue();
        assertEquals(ModelInfo.Kind.DETAIL, state.getKind());
        assertTrue("Detail x4 is not shipped: " + state.getScales(), state.getScales().contains(state.getScale()));
        vm.start();
        assertTrue("the defaults keep location in saved pictures", jobs.enqueued.get(0).keepLocation());
    }
}
