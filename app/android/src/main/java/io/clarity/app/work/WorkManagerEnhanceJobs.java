package io.clarity.app.work;

import android.content.Context;
import android.util.Log;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;
import androidx.work.OneTimeWorkRequest;
import androidx.work.OutOfQuotaPolicy;
import androidx.work.WorkManager;

import io.clarity.app.data.EnhanceJobs;
import io.clarity.app.data.JobPreview;
import io.clarity.app.data.JobStatus;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.Progress;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The app's {@link EnhanceJobs}. Jobs live in a {@link JobLedger} on disk, not in WorkManager: WorkManager only
 * guarantees that a run of the queue ({@link EnhanceWorker}) happens and is resumed after process death. Each
 * enqueue asks for one independent run (never a chain); a run takes the queue's turn and works through every
 * queued job in order, and a run that finds the turn taken ends at once, because the holder will see its jobs.
 * So one photo runs at a time, in order, and a cancelled or failed photo cannot touch another.
 *
 * <p>This is the one class that knows how jobs meet WorkManager (the worker class and its tag: the queue's
 * runs carry no data keys at all).
 */
public final class WorkManagerEnhanceJobs implements EnhanceJobs {
    private static final String TAG = "EnhanceJobs";
    /** Every run of the queue carries this tag. */
    static final String QUEUE_TAG = "clarity-queue";

    private final Context context;
    private final JobLedger ledger;
    private final DurableInputs inputs;
    private final Executor io;
    private final ReentrantLock turn = new ReentrantLock();
    private final Map<UUID, JobStatus> preparing = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();
    private final Map<UUID, JobPreview> previews = new ConcurrentHashMap<>();
    private final Map<UUID, CancellationToken> running = new ConcurrentHashMap<>();
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private final MutableLiveData<List<JobStatus>> statuses = new MutableLiveData<>();

    /** The app's queue: ledger and photo copies in app-private storage, copies made on one background thread. */
    public WorkManagerEnhanceJobs(Context context) {
        this(context, Executors.newSingleThreadExecutor());
    }

    /** @param io where inputs are copied (one thread keeps the order photos were added in) */
    public WorkManagerEnhanceJobs(Context context, Executor io) {
        this.context = context.getApplicationContext();
        File files = this.context.getFilesDir();
        this.ledger = new JobLedger(new File(files, "jobs"));
        this.inputs = new DurableInputs(this.context.getContentResolver(), new File(files, "inputs"));
        this.io = io;
        ledger.addListener(this::publish);
        publish();
    }

    @Override
    public UUID enqueue(EnhanceRequest request) {
        UUID id = UUID.randomUUID();
        preparing.put(id, status(LedgerEntry.queued(id, 0, request)));
        publish();
        io.execute(() -> {
            try {
                prepareAndQueue(id, request);
            } finally {
                preparing.remove(id);
                publish();
            }
        });
        return id;
    }

    /** Copies the input while the grant holds; an unreadable photo is a failed job that wrote nothing. */
    private void prepareAndQueue(UUID id, EnhanceRequest request) {
        LedgerEntry entry;
        try {
            File copy = inputs.copy(id, request.input());
            entry = LedgerEntry.queued(id, ledger.nextOrder(), request.withDurableInput(copy));
        } catch (IOException | RuntimeException e) {
            Log.w(TAG, "cannot read " + request.input(), e);
            entry = LedgerEntry.queued(id, ledger.nextOrder(), request)
                    .withState(JobStatus.State.FAILED, FailureReason.of(context, e));
        }
        try {
            ledger.put(entry);
        } catch (IOException e) {
            Log.e(TAG, "cannot save job " + id, e);
            inputs.delete(entry.request.durableInput());
            return;
        }
        if (entry.state == JobStatus.State.QUEUED) {
            scheduleRun();
        }
    }

    private void scheduleRun() {
        WorkManager.getInstance(context).enqueue(new OneTimeWorkRequest.Builder(EnhanceWorker.class)
                .addTag(QUEUE_TAG)
                .setExpedited(OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST)
                .build());
    }

    @Override
    public LiveData<List<JobStatus>> jobs() {
        return statuses;
    }

    @Override
    public synchronized void cancel(UUID id) {
        CancellationToken token = running.get(id);
        if (token != null) {
            cancelRequested.add(id);
            token.cancel(); // the run marks it cancelled and goes on with the next photo
            return;
        }
        LedgerEntry e = ledger.get(id);
        if (e != null && (e.state == JobStatus.State.QUEUED || e.state == JobStatus.State.RUNNING)) {
            save(e.withState(JobStatus.State.CANCELLED, null)); // (RUNNING here: left by a process that died)
        }
    }

    @Override
    public void retry(UUID id) {
        io.execute(() -> {
            LedgerEntry e = ledger.get(id);
            if (e == null || !(e.state == JobStatus.State.FAILED || e.state == JobStatus.State.CANCELLED)) {
                return;
            }
            if (e.request.durableInput() == null || !e.request.durableInput().isFile()) {
                inputs.delete(e.request.durableInput());
                preparing.put(id, status(e.requeued(e.order)));
                try {
                    prepareAndQueue(id, e.request.withDurableInput(null));
                } finally {
                    preparing.remove(id);
                    publish();
                }
                return;
            }
            save(e.requeued(ledger.nextOrder()));
            scheduleRun();
        });
    }

    @Override
    public void resume() {
        io.execute(() -> {
            if (ledger.next() != null) {
                scheduleRun();
            }
        });
    }

    @Override
    public void dismiss(UUID id) {
        io.execute(() -> {
            LedgerEntry e = ledger.get(id);
            if (e != null && e.state != JobStatus.State.QUEUED && e.state != JobStatus.State.RUNNING) {
                inputs.delete(e.request.durableInput());
                progress.remove(id);
                ledger.remove(id);
            }
        });
    }

    // ---- the run of the queue, called by EnhanceWorker ----

    /** What the queue's run needs from its worker. */
    interface Run {
        /** Runs one photo; returns normally when it is done, throws what made it fail or stop. */
        Outcome enhance(LedgerEntry job, CancellationToken cancel) throws Exception;

        /** True once WorkManager stopped the run (not the person: their cancel goes through {@link #cancel}). */
        boolean isStopped();

        /** Tells the person how a job ended (its own notification). */
        void ended(LedgerEntry job);
    }

    /** What a photo produced. */
    static final class Outcome {
        final android.net.Uri output;
        final int width;
        final int height;
        final String backend;
        final double millisPerTile;
        final String note;

        Outcome(android.net.Uri output, int width, int height, String backend, double millisPerTile, String note) {
            this.output = output;
            this.width = width;
            this.height = height;
            this.backend = backend;
            this.millisPerTile = millisPerTile;
            this.note = note;
        }
    }

    /**
     * Works through the queue until it is empty or the run is stopped.
     *
     * @return true when the run ended because WorkManager stopped it, and the queue still has work to resume
     */
    boolean runQueue(Run run) {
        while (true) {
            if (!turn.tryLock()) {
                return false; // another run holds the turn and sees every queued job, ours included
            }
            try {
                LedgerEntry next;
                while (!run.isStopped() && !Thread.currentThread().isInterrupted() && (next = ledger.next()) != null) {
                    runOne(next, run);
                }
            } finally {
                turn.unlock();
            }
            if (run.isStopped() || Thread.currentThread().isInterrupted()) {
                return ledger.next() != null;
            }
            if (ledger.next() == null) {
                return false; // a job added after the holder's last look finds the turn free (see class comment)
            }
        }
    }

    private void runOne(LedgerEntry next, Run run) {
        CancellationToken cancel = new CancellationToken();
        LedgerEntry job;
        LedgerEntry current;
        synchronized (this) { // against a cancel between reading the queue and claiming the job
            job = ledger.get(next.id);
            if (job == null || !(job.state == JobStatus.State.QUEUED || job.state == JobStatus.State.RUNNING)) {
                return;
            }
            running.put(job.id, cancel);
            current = job.withState(JobStatus.State.RUNNING, null);
            save(current);
        }
        try {
            Outcome outcome = run.enhance(current, cancel);
            LedgerEntry latest = Objects.requireNonNull(ledger.get(job.id), "job vanished");
            current = latest.withNote(outcome.note).done(outcome.output, outcome.width, outcome.height,
                    outcome.backend, outcome.millisPerTile);
            save(current);
            inputs.delete(job.request.durableInput()); // the job ended: its copy is no longer needed
            run.ended(current);
        } catch (java.util.concurrent.CancellationException e) {
            if (!run.isStopped() || cancelRequested.contains(job.id)) {
                save(current.withState(JobStatus.State.CANCELLED, null));
            }
            // else WorkManager stopped the run: the job stays RUNNING and the next run starts it again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            Log.e(TAG, "job " + job.id + " (" + job.request.displayName() + ") failed", e);
            LedgerEntry latest = ledger.get(job.id);
            current = (latest == null ? current : latest).withState(JobStatus.State.FAILED, FailureReason.of(context, e));
            save(current);
            run.ended(current);
        } finally {
            running.remove(job.id);
            cancelRequested.remove(job.id);
            progress.remove(job.id);
            previews.remove(job.id);
            publish();
        }
    }

    /** Live progress of a running job (memory only: a restarted job starts its tiles again). */
    void reportProgress(UUID id, Progress p) {
        progress.put(id, p);
        publish();
    }

    /** A new live preview file of a running job (memory only, like its progress). */
    void reportPreview(UUID id, JobPreview preview) {
        previews.put(id, preview);
        publish();
    }

    /** A note on a running job that the person should see now (say, no foreground service). */
    void noteRunning(UUID id, String note) {
        LedgerEntry e = ledger.get(id);
        if (e != null) {
            save(e.withNote(note));
        }
    }

    private void save(LedgerEntry e) {
        try {
            ledger.put(e);
        } catch (IOException ex) {
            Log.e(TAG, "cannot save job " + e.id, ex);
        }
    }

    private void publish() {
        statuses.postValue(snapshot());
    }

    /** Every job's status now (what {@link #jobs()} delivers on the main thread next). */
    List<JobStatus> snapshot() {
        List<JobStatus> list = new ArrayList<>();
        for (LedgerEntry e : ledger.all()) {
            list.add(status(e));
        }
        synchronized (preparing) {
            for (JobStatus s : preparing.values()) {
                if (list.stream().noneMatch(j -> j.getId().equals(s.getId()))) {
                    list.add(s);
                }
            }
        }
        return Collections.unmodifiableList(list);
    }

    private JobStatus status(LedgerEntry e) {
        Progress p = progress.get(e.id);
        JobStatus status = new JobStatus(e.id, e.request.displayName(), e.state,
                p == null ? 0 : p.tilesDone(), p == null ? 0 : p.tilesTotal(), p == null ? -1 : p.etaMillis(),
                e.request.input(), e.output, e.width, e.height, e.backend, e.millisPerTile, e.error, e.note);
        JobPreview preview = previews.get(e.id);
        return preview == null ? status : status.withPreview(preview);
    }
}
