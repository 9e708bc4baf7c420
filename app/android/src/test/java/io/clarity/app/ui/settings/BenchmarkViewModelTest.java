package io.clarity.app.ui.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.os.Looper;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.BackendChoice;
import io.clarity.app.tflite.BenchmarkResult;
import io.clarity.app.tflite.FakeClock;
import io.clarity.app.tflite.PhoneBenchmark;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;

/**
 * "Test this phone" over the APK's models with fake backends (TFLite cannot run under Robolectric): the result is
 * stored, Automatic's pick is shown, and the options screen's estimate comes from it before any job ran.
 */
@RunWith(AndroidJUnit4.class)
@Config(sdk = 34)
public class BenchmarkViewModelTest {
    private final Application app = ApplicationProvider.getApplicationContext();
    private final FakeClock clock = new FakeClock();

    /**
     * Nearest-neighbour x2 on the test's clock: CPU 12 ms, CPU int8 6 ms, NNAPI 3 ms, and the GPU 1 ms but wrong
     * (all zeros).
     */
    private PhoneBenchmark.Backends fakes() {
        return (id, backend) -> new SuperResolutionModel() {
            @Override
            public ModelSpec spec() {
                return ModelSpec.freeShape(id, 2, ModelSpec.Channels.Y, TensorType.FLOAT32, 4);
            }

            @Override
            public FloatImage upscale(FloatImage tile) {
                clock.advanceMillis(backend == Backend.CPU ? 12 : backend == Backend.CPU_INT8 ? 6 : backend == Backend.NNAPI ? 3 : 1);
                FloatImage out = new FloatImage(tile.width() * 2, tile.height() * 2, tile.channels());
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        for (int c = 0; c < tile.channels(); c++) {
                            out.set(x, y, c, backend == Backend.GPU ? 0f : tile.get(x / 2, y / 2, c));
                        }
                    }
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    private static BenchmarkUiState idle(BenchmarkViewModel vm) {
        shadowOf(Looper.getMainLooper()).idle();
        return vm.getUiState().getValue();
    }

    @Test
    public void theResultIsStoredAndFeedsAutomaticAndTheEstimates() {
        BenchmarkViewModel vm = new BenchmarkViewModel(app, new SettingsStore(app), fakes(), true, Runnable::run, clock);
        BenchmarkUiState before = idle(vm);
        assertTrue(before.result().isEmpty());
        assertFalse(before.models().isEmpty());
        String model = before.models().get(0).id();
        assertEquals("no run, no estimate", -1, new EnhanceEstimates(app).estimateMillis(model, 12_000_000));

        vm.onStart();
        BenchmarkUiState after = idle(vm);
        assertFalse(after.running());
        int candidates = BackendChoice.candidates(34, true).size();
        assertEquals(after.models().size() * candidates, after.result().measurements().size());
        assertEquals(after.result().measurements().size(), after.done());
        for (BenchmarkUiState.Model m : after.models()) {
            assertEquals("the wrong GPU is never picked", Backend.NNAPI, after.automatic().get(m.id()));
        }

        BenchmarkResult stored = new SettingsStore(app).benchmark();
        assertEquals(after.result().encode(), stored.encode());
        BenchmarkResult.Measurement nnapi = null;
        for (BenchmarkResult.Measurement m : stored.of(model)) {
            if (m.backend == Backend.NNAPI) {
                nnapi = m;
            }
        }
        assertEquals("the fake's 3 ms, exactly", 3.0, nnapi.millisPerTile, 1e-9);
        long estimate = new EnhanceEstimates(app).estimateMillis(model, 12_000_000);
        assertEquals("12 MP on what Automatic runs", PhoneBenchmark.photoMillis(nnapi), estimate, 1);
    }
}
