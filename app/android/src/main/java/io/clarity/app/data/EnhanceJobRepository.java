package io.clarity.app.data;

import android.net.Uri;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.Transformations;
import androidx.work.Data;
import androidx.work.WorkInfo;
import androidx.work.WorkManager;

import io.clarity.app.work.EnhanceRequest;
import io.clarity.app.work.EnhanceScheduler;
import io.clarity.app.work.EnhanceWorker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Jobs as WorkManager knows them: enqueue, cancel, and observe one or all. */
public final class EnhanceJobRepository {
    private final WorkManager workManager;
    private final EnhanceScheduler scheduler;

    public EnhanceJobRepository(WorkManager workManager) {
        this.workManager = workManager;
        this.scheduler = new EnhanceScheduler(workManager);
    }

    public UUID enqueue(EnhanceRequest request) {
        return scheduler.enqueue(request);
    }

    public void cancel(UUID id) {
        scheduler.cancel(id);
    }

    public LiveData<JobStatus> job(UUID id) {
        return Transformations.map(workManager.getWorkInfoByIdLiveData(id),
                info -> info == null ? null : statusOf(info));
    }

    /** Every job WorkManager still remembers, newest enqueued last (its own order). */
    public LiveData<List<JobStatus>> jobs() {
        return Transformations.map(workManager.getWorkInfosByTagLiveData(EnhanceScheduler.TAG), infos -> {
            List<JobStatus> jobs = new ArrayList<>();
            for (WorkInfo info : infos) {
                jobs.add(statusOf(info));
            }
            return jobs;
        });
    }

    static JobStatus statusOf(WorkInfo info) {
        Data progress = info.getProgress();
        Data out = info.getOutputData();
        JobStatus.State state;
        switch (info.getState()) {
            case RUNNING:
                state = JobStatus.State.RUNNING;
                break;
            case SUCCEEDED:
                state = JobStatus.State.DONE;
                break;
            case FAILED:
                state = "cancelled".equals(out.getString(EnhanceWorker.OUTPUT_ERROR))
                        ? JobStatus.State.CANCELLED : JobStatus.State.FAILED;
                break;
            case CANCELLED:
                state = JobStatus.State.CANCELLED;
                break;
            default:
                state = JobStatus.State.WAITING;
        }
        String input = out.getString(EnhanceWorker.OUTPUT_INPUT);
        String output = out.getString(EnhanceWorker.OUTPUT_URI);
        return new JobStatus(info.getId(), state,
                progress.getInt(EnhanceWorker.PROGRESS_DONE, 0),
                progress.getInt(EnhanceWorker.PROGRESS_TOTAL, 0),
                progress.getLong(EnhanceWorker.PROGRESS_ETA, -1),
                input == null ? null : Uri.parse(input),
                output == null ? null : Uri.parse(output),
                out.getInt(EnhanceWorker.OUTPUT_WIDTH, 0),
                out.getInt(EnhanceWorker.OUTPUT_HEIGHT, 0),
                out.getString(EnhanceWorker.OUTPUT_BACKEND),
                out.getDouble(EnhanceWorker.OUTPUT_MS_PER_TILE, 0),
                out.getString(EnhanceWorker.OUTPUT_ERROR));
    }
}
