package io.clarity.app.tflite;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.TestNetworks;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.nn.ReferenceModel;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.util.ArrayList;
import java.util.List;

/** Runs under Robolectric for android.util.Log and the crash guard's preferences. */
@RunWith(AndroidJUnit4.class)
public class FallbackModelTest {
    private final List<FakeBackendModel> created = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    private BackendFactory factory(int gpuFailsFromTile, boolean gpuStarts) {
        return backend -> {
            backends.add(backend);
            if (backend == Backend.GPU && !gpuStarts) {
                throw new IllegalArgumentException("Internal error: Failed to apply delegate");
            }
            FakeBackendModel m = new FakeBackendModel(
                    ReferenceModel.fixedShape("tiny", TestNetworks.rgbTimes2(7), 8, 8),
                    backend == Backend.GPU ? gpuFailsFromTile : 0);
            created.add(m);
            return m;
        };
    }

    private static DelegateCrashGuard guard() {
        return new DelegateCrashGuard(androidx.test.core.app.ApplicationProvider.getApplicationContext());
    }

    private static FloatImage tile(float value) {
        FloatImage t = new FloatImage(8, 8, 3);
        java.util.Arrays.fill(t.data(), value);
        return t;
    }

    @Test
    public void delegateErrorMidJobMovesToTheCpuAndTheTileStillComesOut() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        SuperResolutionModel model = FallbackModel.create(factory(3, true), "tiny", guard(), stats);
        assertEquals(Backend.GPU, stats.backend());
        FloatImage first = model.upscale(tile(0.25f));
        model.upscale(tile(0.5f));
        FloatImage third = model.upscale(tile(0.25f)); // the GPU throws here; the CPU redoes it
        assertEquals(Backend.CPU, stats.backend());
        assertTrue(stats.fellBack());
        assertTrue(stats.fallbackReason().contains("CL_OUT_OF_RESOURCES"));
        assertTrue("GPU model closed once abandoned", created.get(0).closed);
        assertArrayEquals(first.data(), third.data(), 0f);
        model.upscale(tile(0.75f));
        assertEquals("the retried tile, then one more, on the CPU", 2, created.get(1).tiles());
        assertEquals(2, stats.tiles());
        model.close();
        assertTrue(created.get(1).closed);
    }

    @Test
    public void delegateThatCannotStartGivesACpuModel() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        SuperResolutionModel model = FallbackModel.create(factory(0, false), "tiny", guard(), stats);
        assertEquals(Backend.CPU, stats.backend());
        assertTrue(stats.fellBack());
        assertEquals(2, backends.size());
        model.upscale(tile(0.5f));
        assertEquals(1, stats.tiles());
        assertTrue(stats.millisPerTile() > 0);
    }

    @Test
    public void unsupportedGpuNeverTriesIt() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        FallbackModel.create(factory(0, true), "tiny", null, stats).upscale(tile(0.5f));
        assertEquals(1, backends.size());
        assertSame(Backend.CPU, backends.get(0));
        assertFalse(stats.fellBack());
        assertNull(stats.fallbackReason());
    }

    @Test
    public void cpuFailureIsTheJobsFailure() throws Exception {
        BackendFactory broken = backend -> new FakeBackendModel(
                ReferenceModel.fixedShape("tiny", TestNetworks.rgbTimes2(7), 8, 8), 1);
        SuperResolutionModel model = FallbackModel.create(broken, "tiny", null, new RuntimeStats());
        try {
            model.upscale(tile(0.5f));
            fail();
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("CL_OUT_OF_RESOURCES"));
        }
    }

    /** A factory where {@code failing} fails from its first tile (or, with {@code atStart}, cannot be created). */
    private BackendFactory failing(Backend failing, boolean atStart) {
        return backend -> {
            backends.add(backend);
            if (backend == failing && atStart) {
                throw new IllegalArgumentException("Internal error: Failed to apply delegate");
            }
            FakeBackendModel m = new FakeBackendModel(
                    ReferenceModel.fixedShape("tiny", TestNetworks.rgbTimes2(7), 8, 8), backend == failing ? 1 : 0);
            created.add(m);
            return m;
        };
    }

    @Test
    public void nnapiFailingMidJobContinuesOnTheCpuAndClearsItsCrashMark() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        DelegateCrashGuard guard = guard();
        SuperResolutionModel model = FallbackModel.create(failing(Backend.NNAPI, false), "tiny", Backend.NNAPI, guard, stats);
        assertEquals(Backend.NNAPI, stats.backend());
        model.upscale(tile(0.5f));
        assertEquals(Backend.CPU, stats.backend());
        assertEquals(RuntimeStats.Fallback.NNAPI_FAILED, stats.fallback());
        assertNull("a Java failure is no crash: NNAPI stays allowed", guard.unsafeReason(DelegateCrashGuard.key("tiny", Backend.NNAPI)));
        model.close();
    }

    @Test
    public void anInt8ModelThatCannotStartGivesTheFloatCpuModel() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        SuperResolutionModel model = FallbackModel.create(failing(Backend.CPU_INT8, true), "tiny", Backend.CPU_INT8, null, stats);
        model.upscale(tile(0.5f));
        assertEquals(java.util.Arrays.asList(Backend.CPU_INT8, Backend.CPU), backends);
        assertEquals(Backend.CPU, stats.backend());
        assertEquals(RuntimeStats.Fallback.INT8_FAILED, stats.fallback());
    }

    @Test
    public void aDelegateWithoutAGuardIsNeverStarted() throws Exception {
        RuntimeStats stats = new RuntimeStats();
        FallbackModel.create(failing(Backend.NNAPI, false), "tiny", Backend.NNAPI, null, stats).upscale(tile(0.5f));
        assertEquals(java.util.Collections.singletonList(Backend.CPU), backends);
    }

    @Test
    public void aNnapiRunThatKilledTheProcessTurnsNnapiOffForThatModelOnly() {
        DelegateCrashGuard before = guard();
        before.delegateRunStarting(DelegateCrashGuard.key("tiny", Backend.NNAPI)); // the process then dies mid-run
        DelegateCrashGuard after = guard(); // a new process
        RuntimeStats stats = new RuntimeStats();
        assertNull(after.admit("tiny", Backend.NNAPI, true, stats));
        assertEquals(RuntimeStats.Fallback.NNAPI_UNSAFE, stats.fallback());
        assertTrue(stats.fallbackReason().contains("NNAPI run"));
        assertSame("the GPU is not blamed for it", after, after.admit("tiny", Backend.GPU, true, new RuntimeStats()));
    }
}
