package io.clarity.app.work;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Notification;
import android.content.ContentValues;
import android.content.pm.ServiceInfo;
import android.content.Context;
import android.graphics.Bitmap;
import android.graphics.BitmapFactory;
import android.net.Uri;
import android.os.Looper;
import android.provider.MediaStore;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.work.Configuration;
import androidx.work.Data;
import androidx.work.ForegroundInfo;
import androidx.work.ListenableWorker;
import androidx.work.WorkInfo;
import androidx.work.WorkManager;
import androidx.work.testing.SynchronousExecutor;
import androidx.work.testing.TestListenableWorkerBuilder;
import androidx.work.testing.WorkManagerTestInitHelper;

import com.google.common.util.concurrent.Futures;

import io.clarity.app.data.EnhanceJobRepository;
import io.clarity.app.data.JobStatus;
import io.clarity.app.platform.FakeMediaStore;
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

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker end to end: a real JPEG (EXIF orientation 6, a camera make, an ICC profile) read by regions,
 * a real ×2 network through the engine contract, the output streamed into a (fake) MediaStore.
 */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class EnhanceWorkerTest {
    private static final int RAW_WIDTH = 400;
    private static final int RAW_HEIGHT = 300;
    private static final byte[] ICC = iccProfile();

    private Context context;
    private FakeMediaStore media;
    private ArgbImage raw;
    private Uri input;

    @Before
    public void setUp() throws Exception {
        context = ApplicationProvider.getApplicationContext();
        media = Robolectric.setupContentProvider(FakeMediaStore.class, FakeMediaStore.AUTHORITY);
        raw = new ArgbImage(RAW_WIDTH, RAW_HEIGHT);
        for (int y = 0; y < RAW_HEIGHT; y++) {
            for (int x = 0; x < RAW_WIDTH; x++) {
                raw.set(x, y, 0xFF000000 | (x * 255 / RAW_WIDTH) << 16 | 0x40 << 8 | (y * 255 / RAW_HEIGHT));
            }
        }
        Exif exif = Exif.empty(ByteOrder.BIG_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "ClarityTest"))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, 6));
        File file = new File(context.getCacheDir(), "beach.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, new PhotoMetadata(exif, ICC));
        writer.start(RAW_WIDTH, RAW_HEIGHT, false);
        writer.writeRows(raw);
        writer.finish();
        input = Uri.fromFile(file);
    }

    private EnhanceWorker worker(FakeModelRuntime runtime, EnhanceRequest request) {
        return (EnhanceWorker) TestListenableWorkerBuilder.from(context, EnhanceWorker.class)
                .setInputData(request.toData())
                .setWorkerFactory(new EnhanceWorkerFactory(runtime))
                .build();
    }

    private EnhanceRequest request() {
        return new EnhanceRequest(input, FakeModelRuntime.MODEL, EnhanceRequest.Format.JPEG, 92, "beach-clarity", 0.35f);
    }

    @Test
    public void enhancedPhotoIsPublishedUprightWithExifAndIccKept() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
        FakeModelRuntime runtime = new FakeModelRuntime(tile -> { });
        ListenableWorker.Result result = worker(runtime, request()).doWork();

        assertTrue(result.toString(), result instanceof ListenableWorker.Result.Success);
        assertEquals(1, media.rows.size());
        ContentValues row = media.rows.values().iterator().next();
        assertEquals(0, (int) row.getAsInteger(MediaStore.MediaColumns.IS_PENDING));
        assertEquals(MediaStoreOutputTarget.RELATIVE_PATH, row.getAsString(MediaStore.MediaColumns.RELATIVE_PATH));
        assertEquals("beach-clarity.jpg", row.getAsString(MediaStore.MediaColumns.DISPLAY_NAME));
        assertEquals("image/jpeg", row.getAsString(MediaStore.MediaColumns.MIME_TYPE));

        Uri output = Uri.parse(result.getOutputData().getString(EnhanceWorker.OUTPUT_URI));
        File file = media.fileOf(output);
        assertEquals(600, result.getOutputData().getInt(EnhanceWorker.OUTPUT_WIDTH, 0));
        assertEquals(800, result.getOutputData().getInt(EnhanceWorker.OUTPUT_HEIGHT, 0));
        assertEquals("CPU", result.getOutputData().getString(EnhanceWorker.OUTPUT_BACKEND));
        assertNull("nothing dropped, no note", result.getOutputData().getString(EnhanceWorker.OUTPUT_METADATA_NOTE));
        assertTrue(runtime.tiles > 1);
        assertEquals("the request's detail strength reaches the runtime", List.of(0.35f), runtime.strengths);

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
    public void oneBadExifFieldLosesOnlyItselfAndTheResultSaysSo() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
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
        byte[] jpeg = java.nio.file.Files.readAllBytes(file.toPath());
        int tiff = 2 + 4 + 6; // SOI, APP1 marker and length, "Exif\0\0"
        int count = (jpeg[tiff + 8] & 0xFF) << 8 | jpeg[tiff + 9] & 0xFF;
        for (int i = 0; i < count; i++) {
            int p = tiff + 10 + 12 * i;
            if ((jpeg[p] & 0xFF) == 0x88 && (jpeg[p + 1] & 0xFF) == 0x25) {
                jpeg[p + 3] = TiffEntry.ASCII;
            }
        }
        java.nio.file.Files.write(file.toPath(), jpeg);
        EnhanceRequest request = new EnhanceRequest(Uri.fromFile(file), FakeModelRuntime.MODEL,
                EnhanceRequest.Format.JPEG, 92, "bad-gps-clarity", 0.35f);

        ListenableWorker.Result result = worker(new FakeModelRuntime(tile -> { }), request).doWork();

        assertTrue(result.toString(), result instanceof ListenableWorker.Result.Success);
        String note = result.getOutputData().getString(EnhanceWorker.OUTPUT_METADATA_NOTE);
        assertNotNull("the result notes what was dropped", note);
        assertTrue(note, note.startsWith("GPS IFD: its pointer (tag 0x8825)"));
        PhotoMetadata kept;
        try (InputStream in = new FileInputStream(media.fileOf(
                Uri.parse(result.getOutputData().getString(EnhanceWorker.OUTPUT_URI))))) {
            kept = PhotoMetadataReader.read(in);
        }
        assertEquals("ClarityTest", kept.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
        assertEquals("2024:05:17 14:03:22", kept.exif().entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
    }

    @Test
    public void ultraHdrInputIsPublishedAsUltraHdrThroughThePatchedMpfIndex() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
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
        EnhanceRequest request = new EnhanceRequest(Uri.fromFile(file), FakeModelRuntime.MODEL,
                EnhanceRequest.Format.JPEG, 92, "ultrahdr-clarity", 0.35f);

        ListenableWorker.Result result = worker(new FakeModelRuntime(tile -> { }), request).doWork();

        assertTrue(result.toString(), result instanceof ListenableWorker.Result.Success);
        PhotoMetadata out;
        try (InputStream in = new FileInputStream(media.fileOf(
                Uri.parse(result.getOutputData().getString(EnhanceWorker.OUTPUT_URI))))) {
            out = PhotoMetadataReader.read(in);
        }
        assertTrue(out.dropped().toString(), out.dropped().isEmpty());
        assertNotNull("the MPF index MediaStoreOutputTarget patched leads to the gain map", out.gainMap());
        assertEquals(800, out.gainMap().primaryWidth());
        assertEquals("1.0", out.xmp().value(Xmp.NS_HDRGM, "Version"));
        ArgbImage scaled = BaselineJpegDecoder.decode(out.gainMap().jpeg(), 1 << 20).image;
        assertEquals(200, scaled.width());
        assertEquals(150, scaled.height());
    }

    @Test
    public void runsAsAMediaProcessingForegroundServiceAndReportsProgressToTheLastTile() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
        List<Data> reports = new ArrayList<>();
        List<ForegroundInfo> foreground = new ArrayList<>();
        EnhanceWorker worker = (EnhanceWorker) TestListenableWorkerBuilder.from(context, EnhanceWorker.class)
                .setInputData(request().toData())
                .setWorkerFactory(new EnhanceWorkerFactory(new FakeModelRuntime(tile -> { })))
                .setProgressUpdater((ctx, id, data) -> {
                    reports.add(data);
                    return Futures.immediateFuture(null);
                })
                .setForegroundUpdater((ctx, id, info) -> {
                    foreground.add(info);
                    return Futures.immediateFuture(null);
                })
                .build();
        assertTrue(worker.doWork() instanceof ListenableWorker.Result.Success);
        assertEquals(1, foreground.size());
        assertEquals("API 35+ wants mediaProcessing", ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PROCESSING,
                foreground.get(0).getForegroundServiceType());
        Notification notification = foreground.get(0).getNotification();
        assertEquals("Cancel", notification.actions[0].title.toString());
        assertNotNull("Cancel goes to WorkManager", notification.actions[0].actionIntent);
        assertFalse(reports.isEmpty());
        Data last = reports.get(reports.size() - 1);
        int total = last.getInt(EnhanceWorker.PROGRESS_TOTAL, 0);
        assertTrue(total > 1);
        assertEquals(total, last.getInt(EnhanceWorker.PROGRESS_DONE, -1));
        assertEquals(0, last.getLong(EnhanceWorker.PROGRESS_ETA, -1));
    }

    @Test
    public void cancelMidJobLeavesNoMediaStoreRow() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
        AtomicReference<EnhanceWorker> running = new AtomicReference<>();
        FakeModelRuntime runtime = new FakeModelRuntime(tile -> {
            if (tile == 2) {
                running.get().onStopped(); // what WorkManager calls for Cancel in the notification
            }
        });
        running.set(worker(runtime, request()));
        ListenableWorker.Result result = running.get().doWork();

        assertTrue(result instanceof ListenableWorker.Result.Failure);
        assertEquals("cancelled", result.getOutputData().getString(EnhanceWorker.OUTPUT_ERROR));
        assertEquals("the pending row was created", 1, media.inserts);
        assertTrue("and deleted again", media.rows.isEmpty());
        assertEquals(1, media.deleted.size());
        assertFalse(media.fileOf(Uri.parse("content://media/external/images/media/" + media.deleted.get(0))).exists());
        assertTrue("stopped within a tile or two", runtime.tiles <= 3);
    }

    @Test
    public void modelFailureLeavesNoMediaStoreRow() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
        FakeModelRuntime runtime = new FakeModelRuntime(tile -> {
            if (tile == 3) {
                throw new IllegalStateException("out of memory in tile 3");
            }
        });
        ListenableWorker.Result result = worker(runtime, request()).doWork();

        assertTrue(result instanceof ListenableWorker.Result.Failure);
        assertTrue(result.getOutputData().getString(EnhanceWorker.OUTPUT_ERROR).contains("tile 3"));
        assertTrue(media.rows.isEmpty());
    }

    @Test
    public void unknownModelFailsBeforeAnythingIsWritten() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context);
        EnhanceRequest request = new EnhanceRequest(input, "missing", EnhanceRequest.Format.PNG, 90, "x", 0f);
        ListenableWorker.Result result = worker(new FakeModelRuntime(tile -> { }), request).doWork();
        assertTrue(result instanceof ListenableWorker.Result.Failure);
        assertTrue(result.getOutputData().getString(EnhanceWorker.OUTPUT_ERROR).contains("no model missing"));
        assertEquals(0, media.inserts);
    }

    @Test
    public void enqueuedJobRunsThroughWorkManagerAndReportsItsOutput() throws Exception {
        WorkManagerTestInitHelper.initializeTestWorkManager(context, new Configuration.Builder()
                .setExecutor(new SynchronousExecutor())
                .setWorkerFactory(new EnhanceWorkerFactory(new FakeModelRuntime(tile -> { })))
                .build());
        WorkManager workManager = WorkManager.getInstance(context);
        UUID id = new EnhanceScheduler(workManager).enqueue(
                new EnhanceRequest(input, FakeModelRuntime.MODEL, EnhanceRequest.Format.PNG, 90, "beach", 1f));
        WorkInfo info = workManager.getWorkInfoById(id).get();
        assertEquals(WorkInfo.State.SUCCEEDED, info.getState());
        assertEquals(1, media.rows.size());
        assertEquals("beach.png", media.rows.values().iterator().next().getAsString(MediaStore.MediaColumns.DISPLAY_NAME));
        assertEquals(input.toString(), info.getOutputData().getString(EnhanceWorker.OUTPUT_INPUT));

        // What the screens read: the job as the repository maps it from WorkManager.
        androidx.lifecycle.LiveData<JobStatus> job = new EnhanceJobRepository(workManager).job(id);
        job.observeForever(status -> { });
        shadowOf(Looper.getMainLooper()).idle();
        JobStatus status = job.getValue();
        assertEquals(JobStatus.State.DONE, status.getState());
        assertEquals(input, status.getInput());
        assertEquals(600, status.getWidth());
        assertEquals(800, status.getHeight());
        assertEquals("CPU", status.getBackend());
        assertTrue(status.getMillisPerTile() > 0);
        assertEquals(media.rows.keySet().iterator().next().longValue(),
                android.content.ContentUris.parseId(status.getOutput()));
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
