package io.clarity.app.data;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.Transformations;

import io.clarity.app.work.EnhanceRequest;

import java.util.List;
import java.util.UUID;

/**
 * The job contract: a queue of independent jobs, one photo each, run one at a time in the order they were added.
 * Cancelling, failing or dismissing one never touches another. Statuses last (process death included) until
 * dismissed. {@code WorkManagerEnhanceJobs} is the app's; tests use {@code FakeEnhanceJobs}.
 */
public interface EnhanceJobs {
    /**
     * Queues one photo. The input is made durable (copied into app storage) off the calling thread while the
     * caller's read grant still holds; the job is listed as queued at once.
     */
    UUID enqueue(EnhanceRequest request);

    /** One job; null once dismissed or when there is no such job. */
    default LiveData<JobStatus> job(UUID id) {
        return Transformations.map(jobs(), list -> {
            for (JobStatus s : list) {
                if (s.getId().equals(id)) {
                    return s;
                }
            }
            return null;
        });
    }

    /** Every job not yet dismissed, in the order they were added. */
    LiveData<List<JobStatus>> jobs();

    /** Stops a running job or takes a queued one out of the queue; the others carry on. */
    void cancel(UUID id);

    /** Queues a failed or cancelled job again, at the end of the queue. */
    void retry(UUID id);

    /**
     * Makes sure a run of the queue is scheduled when jobs wait (at app start: a run WorkManager lost, after a
     * force stop say, is asked for again; a second run finds nothing to do).
     */
    void resume();

    /** Forgets a finished, failed or cancelled job and deletes its durable input. */
    void dismiss(UUID id);
}
