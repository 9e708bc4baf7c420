package io.clarity.app.ui.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.net.Uri;
import android.os.Looper;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import android.os.Bundle;

import androidx.lifecycle.SavedStateHandle;

import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.data.FakeEnhanceJobs;
import io.clarity.app.data.ModelInfo;
import io.clarity.engine.model.ModelDescription;
import io.clarity.app.work.EnhanceRequest;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.PhotoMetadata;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class OptionsViewModelTest {
    private static final ModelInfo FAST_X2 = new ModelInfo("srcnn-x2",
            ModelDescription.parse("name=srcnn\nscale=1\nchannels=Y\nhalo=6\nbicubicPreUpscale=2\n"));
    private static final ModelInfo DETAIL_X2 = new ModelInfo("esr-x2",
            ModelDescription.parse("name=esr\nscale=2\nchannels=RGB\nhalo=8\nbicubicPreUpscale=1\n"));
    private static final ModelInfo DETAIL_X4 = new ModelInfo("esr-x4",
            ModelDescription.parse("name=esr4\nscale=4\nchannels=RGB\nhalo=8\nbicubicPreUpscale=1\n"));

    private static final ModelInfo REALPHOTO_X2 = new ModelInfo("realphoto-x2-fp16",
            ModelDescription.parse("name=realphoto\nscale=2\nchannels=RGB\nhalo=8\nbicubicPreUpscale=1\n"), true);

    private Application app;
    private FakeEnhanceJobs jobs;

    @Before
    public void setUp() {
        app = ApplicationProvider.getApplicationContext();
        jobs = new FakeEnhanceJobs();
    }

    private Uri photo(String name, int width, int height) throws Exception {
        File file = new File(app.getCacheDir(), name);
        StreamingPngWriter writer = new StreamingPngWriter(new FileOutputTarget(file.toPath()), PhotoMetadata.NONE);
        writer.start(width, height, false);
        writer.writeRows(new ArgbImage(width, height));
        writer.finish();
        return Uri.fromFile(file);
    }

    private OptionsViewModel viewModel(List<ModelInfo> models) {
        return viewModel(models, new SavedStateHandle());
    }

    private OptionsViewModel viewModel(List<ModelInfo> models, SavedStateHandle saved) {
        OptionsViewModel vm = new OptionsViewModel(app, saved, () -> models, jobs, new EnhanceEstimates(app), Runnable::run);
        shadowOf(Looper.getMainLooper()).idle(); // the catalog, read on io, arrives on the main thread
        return vm;
    }

    private static OptionsUiState loaded(OptionsViewModel vm) {
        shadowOf(Looper.getMainLooper()).idle();
        return vm.getUiState().getValue();
    }

    @Test
    public void showsOutputSizeAndStartEnqueuesOneJobPerPhotoInTheQueue() throws Exception {
        OptionsViewModel vm = viewModel(Arrays.asList(FAST_X2, DETAIL_X2, DETAIL_X4));
        Uri first = photo("dunes.png", 120, 80);
        Uri second = photo("sea.png", 60, 40);
        vm.setPhotos(Arrays.asList(first, second));
        OptionsUiState state = loaded(vm);
        assertEquals(Arrays.asList(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), state.getKinds());
        assertEquals(240, state.getOutputWidth());
        assertEquals(160, state.getOutputHeight());
        assertEquals("dunes-clarity", state.getFileName());
        assertEquals("no run yet, no made-up estimate", -1, state.getEstimateMillis());

        vm.onKindSelected(ModelInfo.Kind.DETAIL);
        vm.onScaleSelected(4);
        vm.onFormatSelected(EnhanceRequest.Format.PNG);
        state = vm.getUiState().getValue();
        assertEquals(Arrays.asList(2, 4), state.getScales());
        assertEquals(480, state.getOutputWidth());
        assertTrue(state.getCanStart());

        List<UUID> ids = vm.start();
        assertEquals(jobs.ids, ids);
        assertEquals(2, jobs.enqueued.size());
        assertEquals(Arrays.asList(first, second), Arrays.asList(jobs.enqueued.get(0).input(), jobs.enqueued.get(1).input()));
        assertEquals("dunes-clarity-1.png", jobs.enqueued.get(0).displayName());
        assertEquals("dunes-clarity-2.png", jobs.enqueued.get(1).displayName());
        assertEquals("esr-x4", jobs.enqueued.get(1).modelId());
    }

    /** Drill 9: process death on the options screen. */
    @Test
    public void picksAndChoicesComeBackAfterProcessDeath() throws Exception {
        SavedStateHandle saved = new SavedStateHandle();
        OptionsViewModel vm = viewModel(Arrays.asList(FAST_X2, DETAIL_X2, DETAIL_X4), saved);
        Uri first = photo("dunes.png", 120, 80);
        vm.setPhotos(Collections.singletonList(first));
        loaded(vm);
        vm.onKindSelected(ModelInfo.Kind.DETAIL);
        vm.onScaleSelected(4);
        vm.onFormatSelected(EnhanceRequest.Format.PNG);
        vm.onQualityChanged(80);
        vm.onFileNameChanged("dunes-for-print");

        // What Android keeps of a killed process: the saved state, as a Bundle (parcelled on a phone).
        Bundle kept = saved.savedStateProvider().saveState();
        SavedStateHandle restored = SavedStateHandle.createHandle(kept, null);
        OptionsUiState back = loaded(viewModel(Arrays.asList(FAST_X2, DETAIL_X2, DETAIL_X4), restored));
        assertEquals(Collections.singletonList(first), back.getPhotos());
        assertEquals(ModelInfo.Kind.DETAIL, back.getKind());
        assertEquals(4, back.getScale());
        assertEquals(EnhanceRequest.Format.PNG, back.getFormat());
        assertEquals(80, back.getJpegQuality());
        assertEquals("dunes-for-print", back.getFileName());
        assertEquals("the photo's size is read again", 480, back.getOutputWidth());

        // A second batch gets its own view model, with nothing of the first.
        OptionsViewModel second = viewModel(Arrays.asList(FAST_X2, DETAIL_X2, DETAIL_X4));
        second.setPhotos(Collections.singletonList(photo("sea.png", 60, 40)));
        OptionsUiState fresh = loaded(second);
        assertEquals("sea-clarity", fresh.getFileName());
        assertEquals(ModelInfo.Kind.FAST, fresh.getKind());
        assertEquals(EnhanceRequest.Format.JPEG, fresh.getFormat());
        assertEquals(95, fresh.getJpegQuality());
    }

    @Test
    public void estimateComesFromThisPhonesEarlierRuns() throws Exception {
        new EnhanceEstimates(app).record("srcnn-x2", 2_000_000, 3_000); // 1.5 s per megapixel
        OptionsViewModel vm = viewModel(Collections.singletonList(FAST_X2));
        vm.setPhotos(Collections.singletonList(photo("a.png", 1000, 1000)));
        assertEquals(1_500, loaded(vm).getEstimateMillis());
    }

    @Test
    public void refusesWithoutModelsAndForUnreadableInput() throws Exception {
        OptionsViewModel none = viewModel(Collections.emptyList());
        none.setPhotos(Collections.singletonList(photo("a.png", 10, 10)));
        assertEquals(OptionsUiState.Refusal.NO_MODEL, loaded(none).getRefusal());
        assertFalse(loaded(none).getCanStart());
        assertTrue(none.start().isEmpty());

        File text = new File(app.getCacheDir(), "notes.jpg");
        java.nio.file.Files.write(text.toPath(), "not a photo".getBytes("US-ASCII"));
        OptionsViewModel vm = viewModel(Collections.singletonList(DETAIL_X2));
        vm.setPhotos(Collections.singletonList(Uri.fromFile(text)));
        assertEquals(OptionsUiState.Refusal.UNREADABLE, loaded(vm).getRefusal());
    }

    @Test
    public void refusesJpegBeyondItsSideLimitButAcceptsPng() throws Exception {
        OptionsViewModel vm = viewModel(Collections.singletonList(DETAIL_X4));
        vm.setPhotos(Collections.singletonList(photo("pano.png", 17000, 2)));
        assertEquals(OptionsUiState.Refusal.JPEG_TOO_LARGE, loaded(vm).getRefusal());
        vm.onFormatSelected(EnhanceRequest.Format.PNG);
        assertEquals(OptionsUiState.Refusal.NONE, vm.getUiState().getValue().getRefusal());
        vm.onFileNameChanged("a/b");
        assertEquals(OptionsUiState.Refusal.FILE_NAME, vm.getUiState().getValue().getRefusal());
    }

    @Test
    public void detailStrengthIsOfferedOnlyForABlendableModel() {
        OptionsViewModel vm = viewModel(Arrays.asList(FAST_X2, REALPHOTO_X2, DETAIL_X4));
        vm.onKindSelected(ModelInfo.Kind.FAST);
        OptionsUiState state = vm.getUiState().getValue();
        assertFalse("the Fast model has no strength to set", state.isAdjustable());
        assertEquals(OptionsViewModel.DEFAULT_DETAIL_STRENGTH, state.getDetailStrength(), 0f);

        vm.onKindSelected(ModelInfo.Kind.DETAIL);
        assertEquals(2, vm.getUiState().getValue().getScale());
        assertTrue("realphoto-x2 ships both weight sets", vm.getUiState().getValue().isAdjustable());
        vm.onScaleSelected(4);
        assertFalse("esr-x4 ships one network", vm.getUiState().getValue().isAdjustable());
        vm.onScaleSelected(2);
        assertTrue(vm.getUiState().getValue().isAdjustable());
    }

    @Test
    public void detailStrengthIsClampedAndSnappedToTwentieths() {
        OptionsViewModel vm = viewModel(Collections.singletonList(REALPHOTO_X2));
        vm.onDetailStrengthChanged(0.73f);
        assertEquals(0.75f, vm.getUiState().getValue().getDetailStrength(), 0f);
        vm.onDetailStrengthChanged(0.349f);
        assertEquals(0.35f, vm.getUiState().getValue().getDetailStrength(), 0f);
        vm.onDetailStrengthChanged(1.7f);
        assertEquals(1f, vm.getUiState().getValue().getDetailStrength(), 0f);
        vm.onDetailStrengthChanged(-3f);
        assertEquals(0f, vm.getUiState().getValue().getDetailStrength(), 0f);
        vm.onDetailStrengthChanged(Float.NaN);
        assertEquals(0f, vm.getUiState().getValue().getDetailStrength(), 0f);
    }

    /** The jobs run here, up to the model runtime, which records what each asked for and stops the job. */
    @Test
    public void startPassesTheChosenStrengthIntoEveryRequest() throws Exception {
        OptionsViewModel vm = viewModel(Arrays.asList(FAST_X2, REALPHOTO_X2));
        vm.setPhotos(Arrays.asList(photo("a.png", 20, 10), photo("b.png", 20, 10)));
        loaded(vm);
        vm.onKindSelected(ModelInfo.Kind.DETAIL);
        vm.onDetailStrengthChanged(0.8f);
        assertEquals(2, vm.start().size());
        assertEquals(Arrays.asList("realphoto-x2-fp16 at 0.8", "realphoto-x2-fp16 at 0.8"), asked());

        jobs.enqueued.clear();
        vm.onKindSelected(ModelInfo.Kind.FAST);
        vm.start();
        assertEquals("a model that does not blend runs as shipped",
                Arrays.asList("srcnn-x2 at 0.0", "srcnn-x2 at 0.0"), asked());
    }

    private List<String> asked() {
        List<String> asked = new java.util.ArrayList<>();
        for (EnhanceRequest r : jobs.enqueued) {
            asked.add(r.modelId() + " at " + r.detailStrength());
        }
        return asked;
    }

    @Test
    public void aGifIsRefusedUpFrontWithItsFormat() throws Exception {
        OptionsViewModel vm = viewModel(Arrays.asList(FAST_X2));
        File gif = new File(app.getCacheDir(), "party.gif");
        java.nio.file.Files.write(gif.toPath(), new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B});
        vm.setPhotos(Arrays.asList(photo("fine.png", 40, 30), Uri.fromFile(gif)));
        OptionsUiState state = loaded(vm);
        assertEquals("the second photo of the batch is checked too", OptionsUiState.Refusal.UNSUPPORTED_FORMAT,
                state.getRefusal());
        assertEquals(io.clarity.app.platform.RegionDecodableFormats.Format.GIF, state.getUnsupportedFormat());
        assertFalse(state.getCanStart());
        assertTrue(vm.start().isEmpty());
    }

    @Test
    public void theModelCatalogIsReadOffTheMainThread() throws Exception {
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
        boolean[] onMain = {true};
        OptionsViewModel vm = new OptionsViewModel(app, new SavedStateHandle(), () -> {
            onMain[0] = Looper.myLooper() == Looper.getMainLooper();
            return Arrays.asList(FAST_X2);
        }, jobs, new EnhanceEstimates(app), io);
        io.shutdown();
        assertTrue(io.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse("read on the main thread", onMain[0]);
        assertEquals(Arrays.asList(ModelInfo.Kind.FAST), loaded(vm).getKinds());
    }
}
