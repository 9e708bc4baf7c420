package io.clarity.app.tflite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.os.Build;

import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The backend choice with fake backends, at the API levels where NNAPI starts (27), ends (34) and is gone (26, 35):
 * the benchmark measures fakes whose speed and correctness are set here, and the choice reads what it measured.
 */
@RunWith(AndroidJUnit4.class)
@Config(sdk = {26, 27, 34, 35})
public class BackendChoiceTest {
    private static final int API = Build.VERSION.SDK_INT;

    private final FakeClock clock = new FakeClock();

    /**
     * A pretend backend: doubles each pixel, taking {@code millis} on the test's clock, off by {@code error} when it
     * computes wrongly.
     */
    private final class FakeBackend implements SuperResolutionModel {
        private final long millis;
        private final float error;

        FakeBackend(long millis, float error) {
            this.millis = millis;
            this.error = error;
        }

        @Override
        public ModelSpec spec() {
            return ModelSpec.freeShape("fake", 2, ModelSpec.Channels.Y, TensorType.FLOAT32, 4);
        }

        @Override
        public FloatImage upscale(FloatImage tile) {
            clock.advanceMillis(millis);
            FloatImage out = new FloatImage(tile.width() * 2, tile.height() * 2, 1);
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    out.set(x, y, 0, tile.get(x / 2, y / 2, 0) + ((x + y) % 2 == 0 ? error : -error));
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    /** CPU 40 ms; int8 20 ms and right; GPU 2 ms but wrong (a driver bug); NNAPI 8 ms and right. */
    private PhoneBenchmark.Backends phone() {
        return (id, backend) -> {
            switch (backend) {
                case CPU:
                    return new FakeBackend(40, 0f);
                case CPU_INT8:
                    return new FakeBackend(20, 0.003f);
                case GPU:
                    return new FakeBackend(2, 0.2f);
                case NNAPI:
                    return new FakeBackend(8, 0.002f);
                default:
                    throw new IllegalStateException("not a benchmark backend: " + backend);
            }
        };
    }

    private BenchmarkResult measure() {
        List<String> done = new ArrayList<>();
        BenchmarkResult r = PhoneBenchmark.run(Collections.singletonList("m"), BackendChoice.candidates(API, true), phone(),
                (d, t, last) -> done.add(d + "/" + t), 0, clock);
        assertEquals(BackendChoice.candidates(API, true).size(), done.size());
        return r;
    }

    @Test
    public void nnapiIsOfferedOnlyOnApi27To34() {
        boolean expected = API >= 27 && API <= 34;
        assertEquals(expected, BackendChoice.nnapiOffered(API));
        assertEquals(expected, BackendChoice.processors(API).contains(Processor.NNAPI));
        assertEquals(expected, BackendChoice.candidates(API, true).contains(Backend.NNAPI));
        assertEquals(Backend.CPU, BackendChoice.candidates(API, false).get(0));
        assertFalse(BackendChoice.candidates(API, false).contains(Backend.GPU));
    }

    @Test
    public void aFastBackendThatFailsTheOutputCheckIsNeverChosen() {
        BenchmarkResult r = measure();
        BenchmarkResult.Measurement gpu = r.of("m").get(2);
        assertEquals(Backend.GPU, gpu.backend);
        assertTrue("the GPU was fastest", gpu.millisPerTile < r.of("m").get(0).millisPerTile);
        assertFalse("but its output is off by 0.2: " + gpu.psnr + " dB", gpu.passed());
        for (Processor p : Processor.values()) {
            Backend chosen = BackendChoice.choose(p, API, true, r.of("m"), true).backend;
            assertTrue(p + " chose " + chosen, chosen != Backend.GPU);
        }
        assertEquals(BackendChoice.Why.FAILED_CHECK, BackendChoice.choose(Processor.GPU, API, true, r.of("m"), true).why);
    }

    @Test
    public void automaticPicksTheFastestThatPassed() {
        BenchmarkResult r = measure();
        Backend expected = BackendChoice.nnapiOffered(API) ? Backend.NNAPI : Backend.CPU_INT8;
        assertEquals(expected, BackendChoice.choose(Processor.AUTOMATIC, API, true, r.of("m"), true).backend);
        assertEquals("a blend has no int8 file: the float CPU", Backend.CPU,
                BackendChoice.choose(Processor.AUTOMATIC, API, true, r.of("m"), false).backend);
        assertEquals(Backend.CPU_INT8, BackendChoice.choose(Processor.CPU, API, true, r.of("m"), true).backend);
    }

    @Test
    public void beforeABenchmarkAutomaticIsTheGpuWhereSupported() {
        List<BenchmarkResult.Measurement> none = Collections.emptyList();
        assertEquals(Backend.GPU, BackendChoice.choose(Processor.AUTOMATIC, API, true, none, true).backend);
        assertEquals(Backend.CPU, BackendChoice.choose(Processor.AUTOMATIC, API, false, none, true).backend);
        BackendChoice.Choice nnapi = BackendChoice.choose(Processor.NNAPI, API, true, none, true);
        if (BackendChoice.nnapiOffered(API)) {
            assertEquals(Backend.NNAPI, nnapi.backend);
        } else {
            assertEquals(Backend.CPU, nnapi.backend);
            assertEquals(BackendChoice.Why.NNAPI_UNSUPPORTED, nnapi.why);
        }
        assertEquals(BackendChoice.Why.GPU_UNSUPPORTED, BackendChoice.choose(Processor.GPU, API, false, none, true).why);
    }

    @Test
    public void aBackendThatCannotStartIsRecordedAndNotChosen() {
        PhoneBenchmark.Backends noNnapi = (id, backend) -> {
            if (backend == Backend.NNAPI || backend == Backend.CPU_INT8) {
                throw new IllegalArgumentException("Internal error: Failed to apply delegate");
            }
            return phone().open(id, backend);
        };
        BenchmarkResult r = PhoneBenchmark.run(Arrays.asList("a", "b"), BackendChoice.candidates(API, true), noNnapi,
                (d, t, last) -> { }, 0, clock);
        assertEquals(2 * BackendChoice.candidates(API, true).size(), r.measurements().size());
        assertTrue(r.of("b").get(1).error.contains("Failed to apply delegate"));
        assertEquals(Backend.CPU, BackendChoice.choose(Processor.AUTOMATIC, API, true, r.of("b"), true).backend);
        assertEquals(-1, PhoneBenchmark.photoMillis(r.of("b").get(1)));
        assertTrue(PhoneBenchmark.photoMillis(r.of("b").get(0)) > 0);
    }
}
