package io.clarity.app.work;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.graphics.Bitmap;
import android.graphics.BitmapFactory;
import android.net.Uri;
import android.os.Looper;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.work.Configuration;
import androidx.work.ListenableWorker;
import androidx.work.testing.TestListenableWorkerBuilder;
import androidx.work.testing.WorkManagerTestInitHelper;

import com.google.common.util.concurrent.Futures;

import io.clarity.app.data.JobStatus;
import io.clarity.app.platform.FakeMediaStore;
import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.DelegateCrashGuard;
import io.clarity.app.tflite.TfliteRuntime;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.PhotoMetadata;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's way down when a backend is not there: a GPU that killed the process, a TFLite library that does not
 * load. Neither branches on the API level, so this runs at the default level only.
 */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class RuntimeFallbackTest {
    private Context context;
    private FakeMediaStore media;

    @After
    public void closeWorkDatabase() {
        WorkManagerTestInitHelper.closeWorkDatabase(); // else every test leaks one (Robolectric's CloseGuard says so)
    }

    @Before
    public void setUp() {
        context = ApplicationProvider.getApplicationContext();
        media = Robolectric.setupContentProvider(FakeMediaStore.class, FakeMediaStore.AUTHORITY);
        WorkManagerTestInitHelper.initializeTestWorkManager(context,
                new Configuration.Builder().setExecutor(runnable -> { }).build());
    }

    private Uri photo(String name, int width, int height) throws Exception {
        ArgbImage pixels = new ArgbImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels.set(x, y, 0xFF000000 | (x * 255 / width) << 16 | 0x60 << 8 | (y * 255 / height));
            }
        }
        File file = new File(context.getCacheDir(), name);
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, PhotoMetadata.NONE);
        writer.start(width, height, false);
        writer.writeRows(pixels);
        writer.finish();
        return Uri.fromFile(file);
    }

    private ListenableWorker.Result run(WorkManagerEnhanceJobs jobs, ModelRuntime runtime) {
        return TestListenableWorkerBuilder.from(context, EnhanceWorker.class)
                .setWorkerFactory(new EnhanceWorkerFactory(jobs, runtime))
                .setForegroundUpdater((ctx, id, info) -> Futures.immediateFuture(null))
                .build()
                .doWork();
    }

    private static JobStatus status(WorkManagerEnhanceJobs jobs, UUID id) {
        shadowOf(Looper.getMainLooper()).idle();
        for (JobStatus s : jobs.jobs().getValue()) {
            if (s.getId().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** Drill 6. */
    @Test
    public void aProcessThatDiesOnTheGpuSendsTheNextAttemptToTheCpuAndSaysWhy() throws Exception {
        WorkManagerEnhanceJobs dying = new WorkManagerEnhanceJobs(context, Runnable::run);
        UUID id = dying.enqueue(new EnhanceRequest(photo("night.jpg", 400, 300), FakeModelRuntime.MODEL,
                EnhanceRequest.Format.JPEG, 90, "night", 0f));
        CountDownLatch onGpu = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FakeModelRuntime crashing = new FakeModelRuntime((backend, tile) -> {
            if (backend == Backend.GPU && tile == 2) {
                onGpu.countDown();
                never.await(); // a driver SIGSEGV: the process is gone, no Java code runs after this
            }
        }, new DelegateCrashGuard(context));
        Thread process = new Thread(() -> run(dying, crashing));
        process.setDaemon(true);
        process.start();
        assertTrue(onGpu.await(30, TimeUnit.SECONDS));

        // The next process: a new queue and a new guard over what the dead one left on disk.
        WorkManagerEnhanceJobs restarted = new WorkManagerEnhanceJobs(context, Runnable::run);
        FakeModelRuntime next = new FakeModelRuntime((backend, tile) -> { }, new DelegateCrashGuard(context));
        run(restarted, next);
        JobStatus status = status(restarted, id);
        assertEquals(JobStatus.State.DONE, status.getState());
        assertEquals("CPU", status.getBackend());
        assertEquals("the GPU was not even tried", List.of(Backend.CPU), next.created);
        assertTrue(status.getNote(), status.getNote().contains("stopped during an earlier GPU run"));

        // Remembered for that model: a later photo goes straight to the CPU too, and says so.
        UUID later = restarted.enqueue(new EnhanceRequest(photo("dawn.jpg", 96, 64), FakeModelRuntime.MODEL,
                EnhanceRequest.Format.JPEG, 90, "dawn", 0f));
        FakeModelRuntime third = new FakeModelRuntime((backend, tile) -> { }, new DelegateCrashGuard(context));
        run(restarted, third);
        assertEquals(List.of(Backend.CPU), third.created);
        assertTrue(status(restarted, later).getNote().contains("GPU is off"));
        assertNotNull(new DelegateCrashGuard(context).unsafeReason(FakeModelRuntime.MODEL));
    }

    @Test
    public void aJavaFailureOnTheGpuIsNotACrash() throws Exception {
        WorkManagerEnhanceJobs jobs = new WorkManagerEnhanceJobs(context, Runnable::run);
        jobs.enqueue(new EnhanceRequest(photo("a.jpg", 96, 64), FakeModelRuntime.MODEL,
                EnhanceRequest.Format.JPEG, 90, "a", 0f));
        DelegateCrashGuard guard = new DelegateCrashGuard(context);
        run(jobs, new FakeModelRuntime((backend, tile) -> { }, guard));
        assertEquals("a finished GPU run leaves no mark", null, new DelegateCrashGuard(context).unsafeReason(FakeModelRuntime.MODEL));
    }

    /**
     * Drill 7: under Robolectric TFLite's native library cannot load (it is built for Android), exactly as on a
     * phone that refuses its .so. The real runtime with a real bundled model completes on the Java network.
     */
    @Test
    public void withoutTheNativeLibraryTheJobCompletesOnTheJavaReferenceNetwork() throws Exception {
        WorkManagerEnhanceJobs jobs = new WorkManagerEnhanceJobs(context, Runnable::run);
        UUID id = jobs.enqueue(new EnhanceRequest(photo("field.jpg", 48, 32), "fast-x2-fp16",
                EnhanceRequest.Format.JPEG, 90, "field", 0f));
        run(jobs, new TfliteRuntime(context));
        JobStatus status = status(jobs, id);
        assertEquals(status.getError(), JobStatus.State.DONE, status.getState());
        assertEquals("Java", status.getBackend());
        assertTrue(status.getNote(), status.getNote().contains("TensorFlow Lite library could not load"));
        assertEquals(96, status.getWidth());
        assertEquals(64, status.getHeight());
        Bitmap out = BitmapFactory.decodeFile(media.fileOf(status.getOutput()).getPath());
        assertEquals(96, out.getWidth());
        int centre = out.getPixel(48, 32);
        assertTrue("a real picture came out, not black: " + Integer.toHexString(centre), (centre & 0xFFFFFF) != 0);
    }

    /** A job queued before an update that dropped its model fails with that reason, not "photo unreadable". */
    @Test
    public void aJobForAModelTheAppNoLongerCarriesSaysSo() throws Exception {
        WorkManagerEnhanceJobs jobs = new WorkManagerEnhanceJobs(context, Runnable::run);
        UUID id = jobs.enqueue(new EnhanceRequest(photo("old.jpg", 48, 32), "srcnn-x3-fp16",
                EnhanceRequest.Format.JPEG, 90, "old", 0f));
        run(jobs, new TfliteRuntime(context));
        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.FAILED, status.getState());
        assertEquals(context.getString(io.clarity.app.R.string.reason_model_missing), status.getError());
    }
}
