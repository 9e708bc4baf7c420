package io.clarity.app.work;

import android.content.Context;
import android.content.pm.ServiceInfo;
import android.os.Build;
import android.util.Log;

import androidx.annotation.NonNull;
import androidx.work.Data;
import androidx.work.ForegroundInfo;
import androidx.work.Worker;
import androidx.work.WorkerParameters;

import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.platform.MediaStoreOutputTarget;
import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.Progress;

import java.util.concurrent.CancellationException;

/**
 * The WorkManager side of one photo, kept thin: foreground service with a progress notification, progress
 * to the UI through setProgress, cancellation from onStopped into the engine. {@link EnhanceJob} does the work.
 */
public final class EnhanceWorker extends Worker {
    private static final String TAG = "EnhanceWorker";

    public static final String PROGRESS_DONE = "tilesDone";
    public static final String PROGRESS_TOTAL = "tilesTotal";
    public static final String PROGRESS_ETA = "etaMillis";
    public static final String OUTPUT_INPUT = "input";
    public static final String OUTPUT_URI = "output";
    public static final String OUTPUT_WIDTH = "width";
    public static final String OUTPUT_HEIGHT = "height";
    public static final String OUTPUT_BACKEND = "backend";
    public static final String OUTPUT_MS_PER_TILE = "msPerTile";
    public static final String OUTPUT_FELL_BACK = "fellBack";
    public static final String OUTPUT_ERROR = "error";
    /** What metadata the output lost and why (EnhanceJob.Outcome#metadataNote); absent when none. */
    public static final String OUTPUT_METADATA_NOTE = "metadataNote";

    private final ModelRuntime runtime;
    private static final long REPORT_INTERVAL_NANOS = 250_000_000L;

    private final CancellationToken cancel = new CancellationToken();
    private long lastReportNanos;
    private boolean reported;

    public EnhanceWorker(@NonNull Context context, @NonNull WorkerParameters parameters, ModelRuntime runtime) {
        super(context, parameters);
        this.runtime = runtime;
    }

    @NonNull
    @Override
    public Result doWork() {
        EnhanceRequest request;
        try {
            request = EnhanceRequest.fromData(getInputData());
        } catch (IllegalArgumentException e) {
            return Result.failure(error(e.getMessage()));
        }
        EnhanceNotifications notifications = new EnhanceNotifications(getApplicationContext());
        setForegroundAsync(foregroundInfo(notifications.progress(getId(), request.displayName(), null)));
        RuntimeStats stats = new RuntimeStats();
        EnhanceJob job = new EnhanceJob(getApplicationContext().getContentResolver(),
                MediaStoreOutputTarget.imagesCollection(), runtime);
        try {
            EnhanceJob.Outcome outcome = job.run(request, stats, progress -> report(notifications, request, progress), cancel);
            Log.i(TAG, request.displayName() + ": " + outcome.result.tiles() + " tiles on " + stats.backend() + ", "
                    + String.format(java.util.Locale.ROOT, "%.1f", stats.millisPerTile()) + " ms/tile"
                    + (stats.fellBack() ? " (GPU failed: " + stats.fallbackReason() + ")" : ""));
            new EnhanceEstimates(getApplicationContext()).record(request.modelId(), outcome.result.imagePixels(),
                    outcome.result.wallNanos() / 1_000_000L);
            return Result.success(new Data.Builder()
                    .putString(OUTPUT_INPUT, request.input().toString())
                    .putString(OUTPUT_URI, outcome.output.toString())
                    .putInt(OUTPUT_WIDTH, outcome.width)
                    .putInt(OUTPUT_HEIGHT, outcome.height)
                    .putString(OUTPUT_BACKEND, String.valueOf(stats.backend()))
                    .putDouble(OUTPUT_MS_PER_TILE, stats.millisPerTile())
                    .putBoolean(OUTPUT_FELL_BACK, stats.fellBack())
                    .putString(OUTPUT_METADATA_NOTE, outcome.metadataNote)
                    .build());
        } catch (CancellationException e) {
            return Result.failure(error("cancelled"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failure(error("interrupted"));
        } catch (Exception e) {
            Log.e(TAG, "enhancing " + request.input() + " failed", e);
            return Result.failure(error(String.valueOf(e.getMessage())));
        }
    }

    private void report(EnhanceNotifications notifications, EnhanceRequest request, Progress progress) {
        // GPU tiles take tens of milliseconds: the system drops notification updates beyond a few a second,
        // and every setProgress is a database write, so report at most 4 times a second (and the last tile).
        long now = System.nanoTime();
        if (reported && progress.tilesDone() < progress.tilesTotal() && now - lastReportNanos < REPORT_INTERVAL_NANOS) {
            return;
        }
        lastReportNanos = now;
        reported = true;
        setProgressAsync(new Data.Builder()
                .putInt(PROGRESS_DONE, progress.tilesDone())
                .putInt(PROGRESS_TOTAL, progress.tilesTotal())
                .putLong(PROGRESS_ETA, progress.etaMillis())
                .build());
        notifications.update(notifications.progress(getId(), request.displayName(), progress));
    }

    /** Asked for when the job runs expedited before API 31, where an expedited job is a foreground service. */
    @NonNull
    @Override
    public ForegroundInfo getForegroundInfo() {
        String name = getInputData().getString(EnhanceRequest.KEY_NAME);
        return foregroundInfo(new EnhanceNotifications(getApplicationContext())
                .progress(getId(), name == null ? "" : name, null));
    }

    @Override
    public void onStopped() {
        cancel.cancel();
    }

    private static Data error(String message) {
        return new Data.Builder().putString(OUTPUT_ERROR, message).build();
    }

    /** mediaProcessing where it exists (API 35); dataSync from API 29 to 34, when a type became required. */
    static ForegroundInfo foregroundInfo(android.app.Notification notification) {
        if (Build.VERSION.SDK_INT >= 35) {
            return new ForegroundInfo(EnhanceNotifications.PROGRESS_ID, notification,
                    ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PROCESSING);
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            return new ForegroundInfo(EnhanceNotifications.PROGRESS_ID, notification,
                    ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC);
        }
        return new ForegroundInfo(EnhanceNotifications.PROGRESS_ID, notification);
    }
}
