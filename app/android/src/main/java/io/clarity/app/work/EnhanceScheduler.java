package io.clarity.app.work;

import androidx.work.ExistingWorkPolicy;
import androidx.work.OneTimeWorkRequest;
import androidx.work.OutOfQuotaPolicy;
import androidx.work.WorkManager;

import java.util.UUID;

/**
 * Puts one job per photo into Clarity's single queue: jobs run one after another (each already uses the
 * whole GPU or every big core), and a new photo appends rather than replaces.
 */
public final class EnhanceScheduler {
    public static final String QUEUE = "clarity-enhance";
    public static final String TAG = "enhance";

    private final WorkManager workManager;

    public EnhanceScheduler(WorkManager workManager) {
        this.workManager = workManager;
    }

    public UUID enqueue(EnhanceRequest request) {
        OneTimeWorkRequest work = new OneTimeWorkRequest.Builder(EnhanceWorker.class)
                .setInputData(request.toData())
                .addTag(TAG)
                .setExpedited(OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST)
                .build();
        workManager.enqueueUniqueWork(QUEUE, ExistingWorkPolicy.APPEND_OR_REPLACE, work);
        return work.getId();
    }

    public void cancel(UUID id) {
        workManager.cancelWorkById(id);
    }
}
