package io.clarity.app.work;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.app.Notification;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.ContentValues;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ServiceInfo;
import android.graphics.Bitmap;
import android.graphics.BitmapFactory;
import android.net.Uri;
import android.os.Build;
import android.os.Environment;
import android.os.Looper;
import android.provider.MediaStore;
import android.service.notification.StatusBarNotification;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.work.Configuration;
import androidx.work.ForegroundInfo;
import androidx.work.ListenableWorker;
import androidx.work.testing.SynchronousExecutor;
import androidx.work.testing.TestListenableWorkerBuilder;
import androidx.work.testing.WorkManagerTestInitHelper;

import com.google.common.util.concurrent.Futures;

import io.clarity.app.ClarityApplication;
import io.clarity.app.data.JobStatus;
import io.clarity.app.platform.FakeMediaStore;
import io.clarity.app.platform.FakePhotoProvider;
import io.clarity.app.platform.MediaStoreOutputTarget;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ByteArrayOutputTarget;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.Orientation;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.BaselineJpegDecoder;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.GainMap;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;
import io.clarity.engine.metadata.Xmp;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The job layer on every API level Clarity supports (26–28 write through app storage, 29+ through pending rows;
 * foreground types differ from 29 and 35; notifications need consent from 33): real JPEGs read by regions, a real
 * ×2 network through the engine contract, the output streamed into a (fake) MediaStore, and the fault drills of
 * issue 11 — each would fail on the single-chain queue this replaced.
 */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(sdk = {26, 28, 29, 31, 33, 34, 35, 36})
public class EnhanceWorkerTest {
    private static final int RAW_WIDTH = 400;
    private static final int RAW_HEIGHT = 300;
    private static final byte[] ICC = iccProfile();

    private Context context;
    private FakeMediaStore media;
    private ArgbImage raw;
    private Uri input;
    private final List<ForegroundInfo> foreground = new ArrayList<>();

    @After
    public void closeWorkDatabase() {
        WorkManagerTestInitHelper.closeWorkDatabase(); // else every test leaks one (Robolectric's CloseGuard says so)
    }

    @Before
    public void setUp() throws Exception {
        context = ApplicationProvider.getApplicationContext();
        media = Robolectric.setupContentProvider(FakeMediaStore.class, FakeMediaStore.AUTHORITY);
        shadowOf((Application) context).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        raw = new ArgbImage(RAW_WIDTH, RAW_HEIGHT);
        for (int y = 0; y < RAW_HEIGHT; y++) {
            for (int x = 0; x < RAW_WIDTH; x++) {
                raw.set(x, y, 0xFF000000 | (x * 255 / RAW_WIDTH) << 16 | 0x40 << 8 | (y * 255 / RAW_HEIGHT));
            }
        }
        input = Uri.fromFile(jpeg("beach.jpg", raw, 6));
        // Runs are driven by hand below (the queue, not WorkManager, decides what a run does); a run enqueued
        // through WorkManager here goes nowhere unless a test starts a fresh instance that runs it.
        WorkManagerTestInitHelper.initializeTestWorkManager(context,
                new Configuration.Builder().setExecutor(runnable -> { }).build());
    }

    private File jpeg(String name, ArgbImage pixels, int orientation) throws Exception {
        Exif exif = Exif.empty(ByteOrder.BIG_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "ClarityTest"))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, orientation));
        File file = new File(context.getCacheDir(), name);
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, new PhotoMetadata(exif, ICC));
        writer.start(pixels.width(), pixels.height(), false);
        writer.writeRows(pixels);
        writer.finish();
        return file;
    }

    private Uri smallPhoto(String name) throws Exception {
        return Uri.fromFile(jpeg(name, new ArgbImage(96, 64), 1));
    }

    /** The queue with copies made on the calling thread, so a test sees each enqueue complete. */
    private WorkManagerEnhanceJobs queue() {
        return new WorkManagerEnhanceJobs(context, Runnable::run);
    }

    /** One run of the queue, as WorkManager would start it; the foreground request is granted and recorded. */
    private ListenableWorker.Result run(WorkManagerEnhanceJobs jobs, ModelRuntime runtime) {
        EnhanceWorker worker = (EnhanceWorker) TestListenableWorkerBuilder.from(context, EnhanceWorker.class)
                .setWorkerFactory(new EnhanceWorkerFactory(jobs, runtime))
                .setForegroundUpdater((ctx, id, info) -> {
                    foreground.add(info);
                    return Futures.immediateFuture(null);
                })
                .build();
        return worker.doWork();
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

    private EnhanceRequest request(Uri photo, String name) {
        return new EnhanceRequest(photo, FakeModelRuntime.MODEL, EnhanceRequest.Format.JPEG, 92, name, 0.35f);
    }

    private List<String> publishedNames() {
        List<String> names = new ArrayList<>();
        for (ContentValues row : media.rows.values()) {
            if (row.getAsInteger(MediaStore.MediaColumns.IS_PENDING) == 0) {
                names.add(row.getAsString(MediaStore.MediaColumns.DISPLAY_NAME));
            }
        }
        return names;
    }

    @SuppressWarnings("deprecation")
    private static File legacyPictures() {
        return new File(Environment.getExternalStoragePublicDirectory(Environment.DIRECTORY_PICTURES), "Clarity");
    }

    private File staging() {
        return new File(context.getFilesDir(), "staging");
    }

    /** Nothing but the published pictures: no pending row, no staging file, no stray file in Pictures/Clarity. */
    private void assertNothingHalfWritten() {
        assertTrue("no pending row", media.pending().isEmpty());
        String[] staged = staging().list();
        assertTrue("no staging file: " + Arrays.toString(staged), staged == null || staged.length == 0);
        if (Build.VERSION.SDK_INT < 29) {
            String[] files = legacyPictures().list();
            assertEquals("one file per published row in Pictures/Clarity", media.rows.size(),
                    files == null ? 0 : files.length);
        }
    }

    @Test
    public void oneBadExifFieldLosesOnlyItselfAndTheResultSaysSo() throws Exception {
        Exif exif = Exif.empty(ByteOrder.BIG_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "ClarityTest"))
                .with(Exif.Ifd.EXIF, TiffEntry.ascii(Exif.TAG_DATE_TIME_ORIGINAL, "2024:05:17 14:03:22"))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "N"));
        File file = new File(context.getCacheDir(), "bad-gps.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, new PhotoMetadata(exif, null));
        writer.start(RAW_WIDTH, RAW_HEIGHT, false);
        writer.writeRows(raw);
        writer.finish();
        // The GPS IFD pointer (tag 0x8825 in IFD0) re-typed as ASCII, as one camera in 40 writes it.
        byte[] jpeg = Files.readAllBytes(file.toPath());
        int tiff = 2 + 4 + 6; // SOI, APP1 marker and length, "Exif\0\0"
        int count = (jpeg[tiff + 8] & 0xFF) << 8 | jpeg[tiff + 9] & 0xFF;
        for (int i = 0; i < count; i++) {
            int p = tiff + 10 + 12 * i;
            if ((jpeg[p] & 0xFF) == 0x88 && (jpeg[p + 1] & 0xFF) == 0x25) {
                jpeg[p + 3] = TiffEntry.ASCII;
            }
        }
        Files.write(file.toPath(), jpeg);
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(Uri.fromFile(file), "bad-gps-clarity"));

        assertTrue(run(jobs, new FakeModelRuntime((backend, tile) -> { })) instanceof ListenableWorker.Result.Success);

        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.DONE, status.getState());
        assertNotNull("the result notes what was dropped", status.getNote());
        assertTrue(status.getNote(), status.getNote().contains("GPS IFD: its pointer (tag 0x8825)"));
        PhotoMetadata kept;
        try (InputStream in = new FileInputStream(media.fileOf(status.getOutput()))) {
            kept = PhotoMetadataReader.read(in);
        }
        assertEquals("ClarityTest", kept.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
        assertEquals("2024:05:17 14:03:22", kept.exif().entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
    }

    @Test
    public void ultraHdrInputIsPublishedAsUltraHdrThroughThePatchedMpfIndex() throws Exception {
        // A 100x75 grey gain map for the 400x300 photo, with its hdrgm parameters.
        ArgbImage gain = new ArgbImage(100, 75);
        for (int i = 0; i < gain.pixels().length; i++) {
            gain.pixels()[i] = 0xFF000000 | (i % 100) * 2 * 0x010101;
        }
        ByteArrayOutputTarget gainJpeg = new ByteArrayOutputTarget();
        StreamingJpegWriter gainWriter = new StreamingJpegWriter(gainJpeg, 90, StreamingJpegWriter.Subsampling.GRAY,
                PhotoMetadata.NONE.withXmp(Xmp.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\""
                        + Xmp.NS_RDF + "\"><rdf:Description rdf:about=\"\" xmlns:hdrgm=\"" + Xmp.NS_HDRGM
                        + "\" hdrgm:Version=\"1.0\" hdrgm:GainMapMax=\"2.5\"/></rdf:RDF></x:xmpmeta>")));
        gainWriter.start(100, 75, false);
        gainWriter.writeRows(gain);
        gainWriter.finish();
        Exif exif = Exif.empty(ByteOrder.BIG_ENDIAN).with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, 1));
        File file = new File(context.getCacheDir(), "ultrahdr.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, new PhotoMetadata(exif, null).withGainMap(
                        new GainMap(gainJpeg.committed(), RAW_WIDTH, RAW_HEIGHT, 1, null, new ArrayList<>())));
        writer.start(RAW_WIDTH, RAW_HEIGHT, false);
        writer.writeRows(raw);
        writer.finish();
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(Uri.fromFile(file), "ultrahdr-clarity"));

        assertTrue(run(jobs, new FakeModelRuntime((backend, tile) -> { })) instanceof ListenableWorker.Result.Success);

        // Before API 29 the MPF index is patched in the staging file, from 29 through MediaStore's descriptor.
        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.DONE, status.getState());
        assertNull("nothing dropped, no note", status.getNote());
        assertNothingHalfWritten();
        PhotoMetadata out;
        try (InputStream in = new FileInputStream(media.fileOf(status.getOutput()))) {
            out = PhotoMetadataReader.read(in);
        }
        assertTrue(out.dropped().toString(), out.dropped().isEmpty());
        assertNotNull("the patched MPF index leads to the gain map", out.gainMap());
        assertEquals(800, out.gainMap().primaryWidth());
        assertEquals("1.0", out.xmp().value(Xmp.NS_HDRGM, "Version"));
        ArgbImage scaled = BaselineJpegDecoder.decode(out.gainMap().jpeg(), 1 << 20).image;
        assertEquals(200, scaled.width());
        assertEquals(150, scaled.height());
    }

    @Test
    public void aPhotoSavedAtLowJpegQualityIsCleanedAtFullStrength() throws Exception {
        File file = new File(context.getCacheDir(), "shared-many-times.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 35,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        writer.start(raw.width(), raw.height(), false);
        writer.writeRows(raw);
        writer.finish();
        WorkManagerEnhanceJobs jobs = queue();
        FakeModelRuntime runtime = new FakeModelRuntime((backend, tile) -> { });
        UUID id = jobs.enqueue(request(Uri.fromFile(file), "shared-clarity"));
        assertTrue(run(jobs, runtime) instanceof ListenableWorker.Result.Success);
        assertEquals(JobStatus.State.DONE, status(jobs, id).getState());
        assertEquals("q35, read from the file's tables: the heavy weights", List.of(1f), runtime.cleaningStrengths);
    }

    @Test
    public void aPhotoSharedOnceAtQ80WithNoiseIsCleanedAtAnIntermediateStrength() throws Exception {
        java.util.Random random = new java.util.Random(80);
        ArgbImage noisy = new ArgbImage(raw.width(), raw.height());
        for (int i = 0; i < noisy.pixels().length; i++) {
            int p = raw.pixels()[i];
            int q = 0xFF000000;
            for (int shift = 16; shift >= 0; shift -= 8) {
                long v = Math.round(((p >> shift) & 0xff) + 4 * random.nextGaussian());
                q |= (int) Math.max(0, Math.min(255, v)) << shift;
            }
            noisy.pixels()[i] = q;
        }
        File file = new File(context.getCacheDir(), "shared-once.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 80,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        writer.start(noisy.width(), noisy.height(), false);
        writer.writeRows(noisy);
        writer.finish();
        WorkManagerEnhanceJobs jobs = queue();
        FakeModelRuntime runtime = new FakeModelRuntime((backend, tile) -> { });
        jobs.enqueue(request(Uri.fromFile(file), "shared-once-clarity"));
        assertTrue(run(jobs, runtime) instanceof ListenableWorker.Result.Success);
        float s = runtime.cleaningStrengths.get(0);
        assertTrue("q80 and σ 4: between the light and the heavy weights, was " + s, s > 0.1f && s < 0.6f);
    }

    @Test
    public void enhancedPhotoIsPublishedUprightWithExifAndIccKept() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        FakeModelRuntime runtime = new FakeModelRuntime((backend, tile) -> { });
        UUID id = jobs.enqueue(request(input, "beach-clarity"));
        assertTrue(run(jobs, runtime) instanceof ListenableWorker.Result.Success);

        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.DONE, status.getState());
        assertEquals(1, media.rows.size());
        ContentValues row = media.rows.values().iterator().next();
        assertEquals(0, (int) row.getAsInteger(MediaStore.MediaColumns.IS_PENDING));
        assertEquals("beach-clarity.jpg", row.getAsString(MediaStore.MediaColumns.DISPLAY_NAME));
        assertEquals("image/jpeg", row.getAsString(MediaStore.MediaColumns.MIME_TYPE));
        if (Build.VERSION.SDK_INT >= 29) {
            assertEquals(MediaStoreOutputTarget.RELATIVE_PATH, row.getAsString(MediaStore.MediaColumns.RELATIVE_PATH));
        } else {
            assertEquals(new File(legacyPictures(), "beach-clarity.jpg").getAbsolutePath(),
                    row.getAsString(MediaStore.MediaColumns.DATA));
        }
        assertNothingHalfWritten();
        assertEquals(600, status.getWidth());
        assertEquals(800, status.getHeight());
        assertEquals("CPU", status.getBackend());
        assertTrue(status.getMillisPerTile() > 0);
        assertEquals(input, status.getInput());
        assertTrue(runtime.tiles > 1);
        assertEquals("the request's detail strength reaches the runtime", List.of(0.35f), runtime.strengths);
        assertEquals("a clean q95 photo: the blind estimate's lightest cleaning", List.of(0f), runtime.cleaningStrengths);
        File[] copies = new File(context.getFilesDir(), "inputs").listFiles();
        assertEquals("the durable copy is deleted once the job is done", 0, copies == null ? 0 : copies.length);

        File file = media.fileOf(status.getOutput());
        PhotoMetadata kept;
        try (InputStream in = new FileInputStream(file)) {
            kept = PhotoMetadataReader.read(in);
        }
        assertNotNull("EXIF kept", kept.exif());
        assertEquals("ClarityTest", kept.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
        assertEquals("pixels come out upright", 1, kept.orientation());
        assertArrayEquals("ICC profile kept byte for byte", ICC, kept.iccProfile());

        // Orientation 6: the stored 400x300 shows as 300x400, and the x2 output is 600x800.
        Bitmap decoded = BitmapFactory.decodeFile(file.getPath());
        assertEquals(600, decoded.getWidth());
        assertEquals(800, decoded.getHeight());
        ArgbImage upright = new Orientation(6, RAW_WIDTH, RAW_HEIGHT).toDisplay(raw, new Region(0, 0, 300, 400));
        for (int[] p : new int[][] {{20, 20}, {280, 30}, {150, 200}, {30, 380}, {270, 370}}) {
            int expected = upright.get(p[0], p[1]);
            int actual = decoded.getPixel(2 * p[0], 2 * p[1]);
            for (int shift = 0; shift <= 16; shift += 8) {
                int e = (expected >> shift) & 0xFF;
                int a = (actual >> shift) & 0xFF;
                assertTrue("pixel " + p[0] + "," + p[1] + " channel " + shift + ": " + e + " vs " + a,
                        Math.abs(e - a) <= 24);
            }
        }
    }

    @Test
    public void runsAsAForegroundServiceOfTheRightTypeAndReportsProgressToTheLastTile() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        List<Integer> seen = new ArrayList<>();
        UUID id = jobs.enqueue(request(input, "beach-clarity"));
        run(jobs, new FakeModelRuntime((backend, tile) -> {
            for (JobStatus s : jobs.snapshot()) {
                if (s.getState() == JobStatus.State.RUNNING) {
                    seen.add(s.getTilesDone());
                }
            }
        }));
        assertEquals(1, foreground.size());
        int expected = Build.VERSION.SDK_INT >= 35 ? ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PROCESSING
                : Build.VERSION.SDK_INT >= 29 ? ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC : 0;
        assertEquals(expected, foreground.get(0).getForegroundServiceType());
        Notification notification = foreground.get(0).getNotification();
        assertEquals("Cancel", notification.actions[0].title.toString());
        assertNotNull("Cancel goes to this job", notification.actions[0].actionIntent);
        assertNotNull("a tap opens the job", notification.contentIntent);
        assertEquals(id.toString(), shadowOf(notification.contentIntent).getSavedIntent()
                .getStringExtra(EnhanceNotifications.EXTRA_JOB));
        assertTrue("the running job showed its progress: " + seen, seen.size() > 1 && seen.get(seen.size() - 1) > 0);
        Notification ongoing = shadowOf(context.getSystemService(NotificationManager.class))
                .getNotification(EnhanceNotifications.PROGRESS_ID);
        int max = ongoing.extras.getInt(Notification.EXTRA_PROGRESS_MAX);
        assertTrue(max > 1);
        assertEquals("the last update is the last tile", max, ongoing.extras.getInt(Notification.EXTRA_PROGRESS));

        StatusBarNotification finished = finishedNotification(id);
        assertNotNull("a finished photo posts its own notification", finished);
        assertEquals("beach-clarity.jpg is ready", finished.getNotification().extras.getString(Notification.EXTRA_TITLE));
    }

    private StatusBarNotification finishedNotification(UUID id) {
        NotificationManager manager = context.getSystemService(NotificationManager.class);
        for (StatusBarNotification n : shadowOf(manager).getActiveNotifications()) {
            if (id.toString().equals(n.getTag())) {
                return n;
            }
        }
        return null;
    }

    @Test
    public void withoutNotificationConsentNoFinishedNotificationIsPosted() throws Exception {
        shadowOf((Application) context).denyPermissions(Manifest.permission.POST_NOTIFICATIONS);
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(smallPhoto("a.jpg"), "a"));
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        assertEquals(JobStatus.State.DONE, status(jobs, id).getState());
        if (Build.VERSION.SDK_INT >= 33) {
            assertNull("POST_NOTIFICATIONS denied: nothing posted", finishedNotification(id));
        } else {
            assertNotNull("no consent to ask for before 33", finishedNotification(id));
        }
    }

    /** Drill 1. */
    @Test
    public void cancellingTheFirstOfThreeLetsTheOtherTwoComplete() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        List<UUID> ids = new ArrayList<>();
        ids.add(jobs.enqueue(request(input, "one"))); // several tiles: cancelled after its second
        for (String name : new String[] {"two", "three"}) {
            ids.add(jobs.enqueue(request(smallPhoto(name + ".jpg"), name)));
        }
        FakeModelRuntime runtime = new FakeModelRuntime((backend, tile) -> {
            if (tile == 2) {
                jobs.cancel(ids.get(0)); // the person taps Cancel on the first photo while it runs
            }
        });
        assertTrue(run(jobs, runtime) instanceof ListenableWorker.Result.Success);

        assertEquals(JobStatus.State.CANCELLED, status(jobs, ids.get(0)).getState());
        assertEquals(JobStatus.State.DONE, status(jobs, ids.get(1)).getState());
        assertEquals(JobStatus.State.DONE, status(jobs, ids.get(2)).getState());
        assertEquals(Arrays.asList("three.jpg", "two.jpg"), sorted(publishedNames()));
        assertNothingHalfWritten();
        assertEquals("the cancelled job is still listed until dismissed", 3, jobs.jobs().getValue().size());
        jobs.dismiss(ids.get(0));
        shadowOf(Looper.getMainLooper()).idle();
        assertNull(status(jobs, ids.get(0)));
        assertEquals(2, jobs.jobs().getValue().size());
    }

    /**
     * Drill 1 through the notification: its Cancel action, sent as the system sends it (a broadcast to the manifest's
     * receiver, which finds the application's queue), stops the running photo and only that one. The receiver does
     * not branch on the API level: the oldest and the newest supported levels only.
     */
    @Test
    @Config(sdk = {26, 36})
    public void theNotificationsCancelActionStopsThatPhotoAndTheQueueCarriesOn() throws Exception {
        WorkManagerEnhanceJobs jobs = ((ClarityApplication) context).jobs(); // the receiver's queue
        UUID first = jobs.enqueue(request(input, "one")); // several tiles: cancelled at its second
        UUID second = jobs.enqueue(request(smallPhoto("two.jpg"), "two"));
        awaitCopied(first, second);
        CountDownLatch atSecondTile = new CountDownLatch(1);
        CountDownLatch cancelDelivered = new CountDownLatch(1);
        FakeModelRuntime runtime = new FakeModelRuntime((backend, tile) -> {
            if (tile == 2 && atSecondTile.getCount() > 0) {
                atSecondTile.countDown();
                assertTrue(cancelDelivered.await(20, TimeUnit.SECONDS));
            }
        });
        ExecutorService worker = Executors.newSingleThreadExecutor();
        Future<ListenableWorker.Result> result = worker.submit(() -> run(jobs, runtime));
        assertTrue("the first photo reached its second tile", atSecondTile.await(20, TimeUnit.SECONDS));
        Notification ongoing = foreground.get(foreground.size() - 1).getNotification(); // the service's
        PendingIntent cancel = ongoing.actions[0].actionIntent;
        List<String> sent = List.of(shadowOf(cancel).getSavedIntent().getStringExtra(EnhanceNotifications.EXTRA_JOB));
        cancel.send(); // as the system does when the person taps Cancel
        shadowOf(Looper.getMainLooper()).idle(); // broadcasts are delivered on the main thread
        cancelDelivered.countDown();
        assertTrue(result.get(60, TimeUnit.SECONDS) instanceof ListenableWorker.Result.Success);
        worker.shutdown();

        assertEquals("the ongoing notification's Cancel names the running photo", List.of(first.toString()), sent);
        assertEquals(status(jobs, first).getError(), JobStatus.State.CANCELLED, status(jobs, first).getState());
        assertEquals(JobStatus.State.DONE, status(jobs, second).getState());
        assertEquals(List.of("two.jpg"), publishedNames());
        assertNothingHalfWritten();
    }

    /** An intent that is not a Cancel of a job (another action, no id, a malformed id) changes nothing. */
    @Test
    @Config(sdk = 36)
    public void theCancelReceiverIgnoresIntentsThatNameNoJob() throws Exception {
        WorkManagerEnhanceJobs jobs = ((ClarityApplication) context).jobs();
        UUID id = jobs.enqueue(request(smallPhoto("one.jpg"), "one"));
        awaitCopied(id);
        Intent real = shadowOf(JobActionReceiver.cancelIntent(context, id)).getSavedIntent();
        JobActionReceiver receiver = new JobActionReceiver();
        receiver.onReceive(context, new Intent(real).setAction("io.clarity.app.action.SOMETHING_ELSE"));
        Intent noId = new Intent(real);
        noId.removeExtra(EnhanceNotifications.EXTRA_JOB);
        receiver.onReceive(context, noId);
        receiver.onReceive(context, new Intent(real).putExtra(EnhanceNotifications.EXTRA_JOB, "not-a-uuid"));
        receiver.onReceive(context, new Intent(real).putExtra(EnhanceNotifications.EXTRA_JOB, UUID.randomUUID().toString()));
        assertEquals(JobStatus.State.QUEUED, status(jobs, id).getState());
        receiver.onReceive(context, real);
        assertEquals("the real one still works", JobStatus.State.CANCELLED, status(jobs, id).getState());
    }

    /** Waits until the application's queue (copies on its own thread) has copied each photo into its ledger. */
    private void awaitCopied(UUID... ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (UUID id : ids) {
            while (!new File(new File(context.getFilesDir(), "jobs"), id + JobLedger.SUFFIX).isFile()) {
                assertTrue("photo copied within 20 s", System.nanoTime() < deadline);
                Thread.sleep(10);
            }
        }
    }

    /** Drill 1, the queued case: a photo taken out of the queue before it starts. */
    @Test
    public void cancellingAQueuedPhotoSkipsOnlyThatOne() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        UUID first = jobs.enqueue(request(smallPhoto("one.jpg"), "one"));
        UUID second = jobs.enqueue(request(smallPhoto("two.jpg"), "two"));
        jobs.cancel(first);
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        assertEquals(JobStatus.State.CANCELLED, status(jobs, first).getState());
        assertEquals(JobStatus.State.DONE, status(jobs, second).getState());
        assertEquals(List.of("two.jpg"), publishedNames());
    }

    /** Drill 2; then the failed photo is retried once it is readable. */
    @Test
    public void aFailedFirstPhotoLeavesTheOthersToCompleteAndIsListedWithItsReason() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        File broken = new File(context.getCacheDir(), "broken.jpg");
        try (FileOutputStream out = new FileOutputStream(broken)) {
            out.write("not a photo at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        UUID bad = jobs.enqueue(request(Uri.fromFile(broken), "broken"));
        UUID two = jobs.enqueue(request(smallPhoto("two.jpg"), "two"));
        UUID three = jobs.enqueue(request(smallPhoto("three.jpg"), "three"));
        UUID gone = jobs.enqueue(request(Uri.fromFile(new File(context.getCacheDir(), "missing.jpg")), "missing"));
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));

        JobStatus failed = status(jobs, bad);
        assertEquals(JobStatus.State.FAILED, failed.getState());
        assertEquals("The photo could not be decoded.", failed.getError());
        assertEquals(JobStatus.State.DONE, status(jobs, two).getState());
        assertEquals(JobStatus.State.DONE, status(jobs, three).getState());
        JobStatus missing = status(jobs, gone);
        assertEquals("a photo that cannot be read fails at once, with a clear message",
                JobStatus.State.FAILED, missing.getState());
        assertEquals("The photo can no longer be read. Choose it again.", missing.getError());
        assertEquals(Arrays.asList("three.jpg", "two.jpg"), sorted(publishedNames()));
        assertNothingHalfWritten();

        // The missing photo turns up (say, it finished downloading) and the person taps Retry: it runs again.
        jpeg("missing.jpg", new ArgbImage(96, 64), 1);
        jobs.retry(gone);
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        assertEquals(JobStatus.State.DONE, status(jobs, gone).getState());
        assertEquals(Arrays.asList("missing.jpg", "three.jpg", "two.jpg"), sorted(publishedNames()));
        assertEquals("the other failure stays listed", JobStatus.State.FAILED, status(jobs, bad).getState());
    }

    /** Drill 4. */
    @Test
    public void aGrantRevokedAfterEnqueueDoesNotStopTheJob() throws Exception {
        FakePhotoProvider photos = Robolectric.setupContentProvider(FakePhotoProvider.class, FakePhotoProvider.AUTHORITY);
        Uri shared = FakePhotoProvider.uriOf(jpeg("shared.jpg", new ArgbImage(96, 64), 1));
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(shared, "shared"));
        photos.revoke(); // the sharing task ended, or the process restarted
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        JobStatus status = status(jobs, id);
        assertEquals(status.getError(), JobStatus.State.DONE, status.getState());
        assertEquals(List.of("shared.jpg"), publishedNames());
        assertEquals(shared, status.getInput());
    }

    /** Drill 3. */
    @Test
    public void processDeathMidJobGivesExactlyOneOutputUnderItsOwnName() throws Exception {
        WorkManagerEnhanceJobs dying = queue();
        UUID id = dying.enqueue(request(input, "beach-clarity"));
        CountDownLatch midJob = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Thread process = new Thread(() -> run(dying, new FakeModelRuntime((backend, tile) -> {
            if (tile == 3) {
                midJob.countDown();
                never.await(); // the process is killed here: nothing after this line ever runs
            }
        })));
        process.setDaemon(true);
        process.start();
        assertTrue(midJob.await(30, TimeUnit.SECONDS));
        if (Build.VERSION.SDK_INT >= 29) {
            assertEquals("the killed job left its pending row", 1, media.pending().size());
        }

        // A new process: the queue read back from disk, a fresh WorkManager that runs what it is given.
        WorkManagerEnhanceJobs restarted = queue();
        assertEquals(JobStatus.State.RUNNING, status(restarted, id).getState());
        // Workers run on a background thread, as on a phone (the foreground request waits on the main thread).
        WorkManagerTestInitHelper.initializeTestWorkManager(context, new Configuration.Builder()
                .setExecutor(Executors.newSingleThreadExecutor())
                .setTaskExecutor(new SynchronousExecutor())
                .setWorkerFactory(new EnhanceWorkerFactory(restarted, new FakeModelRuntime((backend, tile) -> { })))
                .build());
        restarted.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status(restarted, id).getState() != JobStatus.State.DONE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertEquals(JobStatus.State.DONE, status(restarted, id).getState());
        assertEquals(List.of("beach-clarity.jpg"), publishedNames());
        assertEquals(1, media.rows.size());
        assertNothingHalfWritten();
    }

    /** Drill 5. */
    @Test
    public void aFullDiskMidWriteLeavesNoRowNoFileAndSaysWhy() throws Exception {
        if (Build.VERSION.SDK_INT >= 29) {
            media.diskFull = true;
        } else {
            // Before 29 the picture grows in app storage: make that file the full disk.
            Files.createDirectories(staging().toPath());
            Files.createSymbolicLink(new File(staging(), "beach-clarity.jpg.part").toPath(), new File("/dev/full").toPath());
        }
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(input, "beach-clarity"));
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        JobStatus failed = status(jobs, id);
        assertEquals(JobStatus.State.FAILED, failed.getState());
        assertEquals("Not enough storage space to save the picture.", failed.getError());
        assertTrue("no row for the failed picture", media.rows.isEmpty());
        assertNothingHalfWritten();
        assertTrue(!new File(legacyPictures(), "beach-clarity.jpg").exists());
    }

    /** Drill 8. */
    @Test
    public void aRefusedForegroundServiceLeavesNoNotificationAndTheStatusSaysSo() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(smallPhoto("a.jpg"), "a"));
        EnhanceWorker worker = (EnhanceWorker) TestListenableWorkerBuilder.from(context, EnhanceWorker.class)
                .setWorkerFactory(new EnhanceWorkerFactory(jobs, new FakeModelRuntime((backend, tile) -> { })))
                .setForegroundUpdater((ctx, workId, info) -> Futures.immediateFailedFuture(refusal()))
                .build();
        assertTrue(worker.doWork() instanceof ListenableWorker.Result.Success);
        JobStatus status = status(jobs, id);
        assertEquals("the job went on without the service", JobStatus.State.DONE, status.getState());
        assertTrue(status.getNote(), status.getNote().contains("did not allow a foreground service"));
        NotificationManager manager = context.getSystemService(NotificationManager.class);
        for (StatusBarNotification n : shadowOf(manager).getActiveNotifications()) {
            assertTrue("no ongoing notification outlives the job", (n.getNotification().flags & Notification.FLAG_ONGOING_EVENT) == 0);
        }
    }

    private static Exception refusal() {
        if (Build.VERSION.SDK_INT >= 31) {
            return new android.app.ForegroundServiceStartNotAllowedException("startForegroundService() not allowed");
        }
        return new IllegalStateException("Not allowed to start service");
    }

    @Test
    public void modelFailureLeavesNoMediaStoreRow() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(request(input, "beach-clarity"));
        run(jobs, new FakeModelRuntime((backend, tile) -> {
            if (tile == 3) {
                throw new IllegalStateException("out of memory in tile 3");
            }
        }));
        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.FAILED, status.getState());
        // A person's sentence, not the exception's text (which the log keeps).
        assertEquals(context.getString(io.clarity.app.R.string.reason_other), status.getError());
        assertFalse(status.getError(), status.getError().contains("tile 3"));
        assertTrue(media.rows.isEmpty());
        assertNothingHalfWritten();
    }

    @Test
    public void unknownModelFailsBeforeAnythingIsWritten() throws Exception {
        WorkManagerEnhanceJobs jobs = queue();
        UUID id = jobs.enqueue(new EnhanceRequest(input, "missing", EnhanceRequest.Format.PNG, 90, "x", 0f));
        run(jobs, new FakeModelRuntime((backend, tile) -> { }));
        JobStatus status = status(jobs, id);
        assertEquals(JobStatus.State.FAILED, status.getState());
        assertEquals(context.getString(io.clarity.app.R.string.reason_io), status.getError());
        assertFalse(status.getError(), status.getError().contains("no model missing"));
        assertEquals(0, media.inserts);
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        java.util.Collections.sort(copy);
        return copy;
    }

    /** A syntactically plausible ICC header followed by filler: the writer must carry it, not interpret it. */
    private static byte[] iccProfile() {
        byte[] icc = new byte[300];
        icc[0] = 0;
        icc[1] = 0;
        icc[2] = 1;
        icc[3] = 44;
        for (int i = 4; i < icc.length; i++) {
            icc[i] = (byte) (i * 7);
        }
        return icc;
    }
}
