package io.clarity.app.work;

import android.app.Notification;
import android.content.Context;
import android.content.pm.ServiceInfo;
import android.os.Build;
import android.util.Log;

import androidx.annotation.NonNull;
import androidx.work.ForegroundInfo;
import androidx.work.Worker;
import androidx.work.WorkerParameters;

import io.clarity.app.R;
import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.data.JobPreview;
import io.clarity.app.platform.HeapBudget;
import io.clarity.app.platform.MediaStoreOutputTarget;
import io.clarity.app.tflite.BackendChoice;
import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.LivePreview;
import io.clarity.engine.pipeline.Progress;

import java.io.File;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One run of the queue, kept thin: {@link WorkManagerEnhanceJobs#runQueue} picks the jobs, {@link EnhanceJob} does
 * each photo, this class adds the foreground service (awaited: from API 31 a run started in the background can be
 * refused one), notifications and progress, and turns WorkManager's stop into the engine's cancellation.
 */
public final class EnhanceWorker extends Worker {
    private static final String TAG = "EnhanceWorker";
    private static final long REPORT_INTERVAL_NANOS = 250_000_000L;

    /** A phone screen's longer side: the live preview is never larger (never the full output). */
    static final int PREVIEW_MAX_SIDE = 1080;
    /** At most two preview files a second: each costs about 8 ms of CPU (README, "live preview cost"). */
    static final long PREVIEW_INTERVAL_MS = 500;

    private final WorkManagerEnhanceJobs jobs;
    private final ModelRuntime runtime;
    private volatile CancellationToken current;
    private long lastReportNanos;
    private boolean reported;

    public EnhanceWorker(@NonNull Context context, @NonNull WorkerParameters parameters, WorkManagerEnhanceJobs jobs,
                         ModelRuntime runtime) {
        super(context, parameters);
        this.jobs = jobs;
        this.runtime = runtime;
    }

    @NonNull
    @Override
    public Result doWork() {
        EnhanceNotifications notifications = new EnhanceNotifications(getApplicationContext());
        boolean resume = jobs.runQueue(new WorkManagerEnhanceJobs.Run() {
            @Override
            public WorkManagerEnhanceJobs.Outcome enhance(LedgerEntry job, CancellationToken cancel) throws Exception {
                current = cancel;
                if (isStopped()) {
                    cancel.cancel();
                }
                return enhanceOne(notifications, job, cancel);
            }

            @Override
            public boolean isStopped() {
                return EnhanceWorker.this.isStopped();
            }

            @Override
            public void ended(LedgerEntry job) {
                notifications.ended(job.id, job.request.displayName(), job.state, job.error);
            }
        });
        return resume ? Result.retry() : Result.success();
    }

    private WorkManagerEnhanceJobs.Outcome enhanceOne(EnhanceNotifications notifications, LedgerEntry job,
                                                      CancellationToken cancel) throws Exception {
        Context context = getApplicationContext();
        EnhanceRequest request = job.request;
        String foregroundNote = startForeground(notifications, job);
        if (foregroundNote != null) {
            jobs.noteRunning(job.id, foregroundNote);
        }
        boolean foreground = foregroundNote == null;
        reported = false;
        RuntimeStats stats = new RuntimeStats();
        EnhanceJob run = new EnhanceJob(context.getContentResolver(), MediaStoreOutputTarget.imagesCollection(),
                new File(context.getFilesDir(), "staging"), runtime, HeapBudget.options(context));
        File previewFile = previewFile(context, job.id);
        EnhanceJob.Outcome outcome;
        try (LivePreview preview = new LivePreview(previewFile.toPath(), PREVIEW_MAX_SIDE, PREVIEW_INTERVAL_MS,
                TimeUnit.MILLISECONDS, (revision, tiles) ->
                jobs.reportPreview(job.id, new JobPreview(previewFile, revision, tiles)))) {
            outcome = run.run(request, stats, progress -> report(notifications, job, progress, foreground), preview,
                    cancel);
            if (preview.failure() != null) {
                Log.w(TAG, "live preview of " + request.displayName() + " not written", preview.failure());
            }
        } finally {
            previewFile.delete(); // the result (or the failure) replaces it
        }
        Log.i(TAG, request.displayName() + ": " + outcome.result.tiles() + " tiles on " + stats.backend() + ", "
                + String.format(Locale.ROOT, "%.1f", stats.millisPerTile()) + " ms/tile"
                + (stats.fellBack() ? " (" + stats.fallback() + ": " + stats.fallbackReason() + ")" : ""));
        new EnhanceEstimates(context).record(request.modelId(), outcome.result.imagePixels(),
                outcome.result.wallNanos() / 1_000_000L);
        return new WorkManagerEnhanceJobs.Outcome(outcome.output, outcome.width, outcome.height,
                backendName(stats), stats.millisPerTile(),
                join(join(foregroundNote, runtimeNote(context, stats)), metadataNote(context, outcome.metadataNote)));
    }

    /** Where a job's live preview is written: app storage, so the UI process reads it whatever runs the job. */
    static File previewFile(Context context, java.util.UUID id) {
        File dir = new File(context.getCacheDir(), "previews");
        if (!dir.isDirectory()) {
            dir.mkdirs();
        }
        File[] stale = dir.listFiles(); // one job runs at a time: anything here was left by a killed process
        if (stale != null) {
            for (File f : stale) {
                f.delete();
            }
        }
        return new File(dir, id + ".png");
    }

    /**
     * Asks for the foreground service and waits for the answer.
     *
     * @return null when granted, else what the person should know (the job goes on under background limits)
     */
    private String startForeground(EnhanceNotifications notifications, LedgerEntry job) throws InterruptedException {
        try {
            setForegroundAsync(foregroundInfo(notifications.progress(job.id, job.request.displayName(), null))).get();
            return null;
        } catch (ExecutionException | RuntimeException e) {
            // ForegroundServiceStartNotAllowedException (API 31+) or a missing permission or service type.
            Log.w(TAG, "no foreground service for " + job.request.displayName(), e);
            notifications.cancelProgress();
            return getApplicationContext().getString(R.string.note_no_foreground);
        }
    }

    private static String backendName(RuntimeStats stats) {
        return stats.backend() == null ? null : stats.backend().label();
    }

    private static String runtimeNote(Context context, RuntimeStats stats) {
        switch (stats.fallback()) {
            case GPU_UNSAFE:
                return context.getString(R.string.note_gpu_unsafe);
            case GPU_FAILED:
                return context.getString(R.string.note_gpu_failed, stats.fallbackReason());
            case NO_NATIVE_LIBRARY:
                return context.getString(R.string.note_no_native);
            case NNAPI_UNSAFE:
                return context.getString(R.string.note_nnapi_unsafe);
            case NNAPI_FAILED:
                return context.getString(R.string.note_nnapi_failed, stats.fallbackReason());
            case INT8_FAILED:
                return context.getString(R.string.note_int8_failed, stats.fallbackReason());
            case NOT_AS_SET:
                return context.getString(notAsSet(stats.fallbackReason()));
            default:
                return null;
        }
    }

    /** The sentence for a {@link BackendChoice.Why} the runtime recorded. */
    private static int notAsSet(String why) {
        switch (BackendChoice.Why.valueOf(why)) {
            case GPU_UNSUPPORTED:
                return R.string.note_gpu_unsupported;
            case NNAPI_UNSUPPORTED:
                return R.string.note_nnapi_unsupported;
            case FAILED_CHECK:
                return R.string.note_failed_check;
            default:
                return R.string.note_no_int8;
        }
    }

    /** What the output's metadata lost (the engine's summary, e.g. a malformed GPS directory), or null. */
    private static String metadataNote(Context context, String dropped) {
        return dropped == null ? null : context.getString(R.string.note_metadata_dropped, dropped);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "\n" + b;
    }

    private void report(EnhanceNotifications notifications, LedgerEntry job, Progress progress, boolean foreground) {
        // GPU tiles take tens of milliseconds: the system drops notification updates beyond a few a second, so
        // report at most 4 times a second (and the last tile).
        long now = System.nanoTime();
        if (reported && progress.tilesDone() < progress.tilesTotal() && now - lastReportNanos < REPORT_INTERVAL_NANOS) {
            return;
        }
        lastReportNanos = now;
        reported = true;
        jobs.reportProgress(job.id, progress);
        if (foreground) { // without the service an ongoing notification would outlive the job
            notifications.update(notifications.progress(job.id, job.request.displayName(), progress));
        }
    }

    /** Asked for when the run is expedited before API 31, where an expedited job is a foreground service. */
    @NonNull
    @Override
    public ForegroundInfo getForegroundInfo() {
        Notification n = new EnhanceNotifications(getApplicationContext()).progress(null, "", null);
        return foregroundInfo(n);
    }

    @Override
    public void onStopped() {
        CancellationToken c = current;
        if (c != null) {
            c.cancel();
        }
    }

    /** mediaProcessing where it exists (API 35); dataSync from API 29 to 34, when a type became required. */
    static ForegroundInfo foregroundInfo(Notification notification) {
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
