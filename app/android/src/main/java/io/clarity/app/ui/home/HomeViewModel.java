package io.clarity.app.ui.home;

import android.app.Application;
import android.content.ContentResolver;
import android.net.Uri;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MediatorLiveData;
import androidx.lifecycle.MutableLiveData;

import io.clarity.app.ClarityApplication;
import io.clarity.app.data.EnhanceJobs;
import io.clarity.app.data.JobStatus;
import io.clarity.app.data.RecentResults;
import io.clarity.app.platform.CaptureFiles;
import io.clarity.app.platform.MediaStoreOutputTarget;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** State holder of the home screen: every job not yet dismissed, and recent results from MediaStore. */
public final class HomeViewModel extends AndroidViewModel {
    private static final int RECENT_LIMIT = 30;

    private final EnhanceJobs jobs;
    private final ContentResolver resolver;
    private final Uri collection;
    private final Executor io;
    private final MutableLiveData<List<RecentResults.Item>> recent = new MutableLiveData<>(Collections.emptyList());
    private final MediatorLiveData<HomeUiState> uiState = new MediatorLiveData<>(HomeUiState.initial());
    private final LiveData<List<JobStatus>> allJobs;
    private int finishedSeen = -1;
    private boolean capturesSwept;

    public HomeViewModel(@NonNull Application application) {
        this(application, ((ClarityApplication) application).jobs(),
                MediaStoreOutputTarget.imagesCollection(), Executors.newSingleThreadExecutor());
    }

    HomeViewModel(Application application, EnhanceJobs jobs, Uri collection, Executor io) {
        super(application);
        this.jobs = jobs;
        this.resolver = application.getContentResolver();
        this.collection = collection;
        this.io = io;
        allJobs = jobs.jobs();
        uiState.addSource(allJobs, list -> publish());
        uiState.addSource(recent, list -> publish());
        refreshRecent();
    }

    public LiveData<HomeUiState> getUiState() {
        return uiState;
    }

    /** Re-reads recent results (the screen calls it on resume; a finished job triggers it too). */
    public void refreshRecent() {
        io.execute(() -> recent.postValue(RecentResults.query(resolver, collection, RECENT_LIMIT)));
    }

    public void onCancelJob(UUID id) {
        jobs.cancel(id);
    }

    public void onRetryJob(UUID id) {
        jobs.retry(id);
    }

    public void onDismissJob(UUID id) {
        List<JobStatus> all = allJobs.getValue();
        if (all != null) {
            for (JobStatus job : all) {
                if (job.getId().equals(id) && !job.isActive()) {
                    Uri input = job.getInput();
                    io.execute(() -> CaptureFiles.delete(getApplication(), input)); // its before side goes too
                }
            }
        }
        jobs.dismiss(id);
    }

    /** The camera wrote nothing (cancelled, failed): its empty capture file goes. */
    public void onCaptureAbandoned(Uri capture) {
        io.execute(() -> CaptureFiles.delete(getApplication(), capture));
    }

    /** Once the jobs are known: captures no listed job names are swept. */
    private void sweepCaptures(List<JobStatus> listed) {
        List<Uri> inputs = new ArrayList<>();
        for (JobStatus job : listed) {
            inputs.add(job.getInput());
        }
        io.execute(() -> CaptureFiles.sweep(getApplication(), inputs, System.currentTimeMillis()));
    }

    private void publish() {
        int finished = 0;
        List<JobStatus> all = allJobs.getValue();
        List<JobStatus> listed = all == null ? new ArrayList<>() : new ArrayList<>(all);
        for (JobStatus job : listed) {
            if (job.getState() == JobStatus.State.DONE) {
                finished++;
            }
        }
        if (finishedSeen >= 0 && finished != finishedSeen) {
            refreshRecent();
        }
        finishedSeen = finished;
        if (!capturesSwept && all != null) {
            capturesSwept = true;
            sweepCaptures(listed);
        }
        List<RecentResults.Item> items = recent.getValue();
        uiState.setValue(new HomeUiState(listed, items == null ? Collections.emptyList() : items));
    }
}
