package io.clarity.app.ui.result;

import android.app.Application;
import android.content.ContentResolver;
import android.content.Intent;
import android.database.Cursor;
import android.net.Uri;
import android.provider.OpenableColumns;
import android.util.Log;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MediatorLiveData;
import androidx.lifecycle.Observer;
import androidx.lifecycle.SavedStateHandle;
import androidx.lifecycle.Transformations;

import io.clarity.app.ClarityApplication;
import io.clarity.app.R;
import io.clarity.app.data.EnhanceJobs;
import io.clarity.app.data.JobStatus;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.platform.ResultIntents;
import io.clarity.app.platform.SharedCopies;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** State holder of the result screen: follows one job, moves the divider, shares and saves copies. */
public final class ResultViewModel extends AndroidViewModel {
    private static final String TAG = "ResultViewModel";

    private static final String KEY_JOB = "job";
    private static final String KEY_PICTURE = "picture";

    private final SavedStateHandle handle;
    private final EnhanceJobs jobs;
    private final Executor io;
    private final ContentResolver resolver;
    private final MediatorLiveData<ResultUiState> uiState = new MediatorLiveData<>();
    private LiveData<JobStatus> source;
    private final Observer<JobStatus> onJob = this::onJob;
    private JobStatus job;
    private Uri picture;
    private String displayName = "";
    private String mimeType = "image/jpeg";
    private float split = 0.5f;
    private ResultUiState.Notice notice = ResultUiState.Notice.NONE;
    /** Where the io thread hands its results back. */
    private final android.os.Handler main = new android.os.Handler(android.os.Looper.getMainLooper());

    public ResultViewModel(@NonNull Application application, @NonNull SavedStateHandle handle) {
        this(application, handle, ((ClarityApplication) application).jobs(), Executors.newSingleThreadExecutor());
    }

    /** Follows the job (or shows the picture) its handle names, when it names one (process death). */
    ResultViewModel(Application application, SavedStateHandle handle, EnhanceJobs jobs, Executor io) {
        super(application);
        this.handle = handle;
        this.jobs = jobs;
        this.io = io;
        this.resolver = application.getContentResolver();
        String job = handle.get(KEY_JOB);
        Uri picture = handle.get(KEY_PICTURE);
        if (job != null || picture != null) {
            show(job == null ? null : UUID.fromString(job), picture);
        }
    }

    public LiveData<ResultUiState> getUiState() {
        return uiState;
    }

    /** Follow a job (a picture when {@code workId} is null). */
    public void show(UUID workId, Uri picture) {
        handle.set(KEY_JOB, workId == null ? null : workId.toString());
        handle.set(KEY_PICTURE, picture);
        if (source != null) {
            uiState.removeSource(source);
            source = null;
        }
        job = null;
        this.picture = picture;
        split = 0.5f;
        notice = ResultUiState.Notice.NONE;
        if (picture != null) {
            describe(picture);
        }
        if (workId != null) {
            source = jobs.job(workId);
            uiState.addSource(source, onJob);
        } else if (picture != null) {
            // Opened from recent results: the job that made it, while it is listed, knows the photo before.
            source = Transformations.map(jobs.jobs(), list -> {
                for (JobStatus s : list) {
                    if (picture.equals(s.getOutput())) {
                        return s;
                    }
                }
                return null;
            });
            uiState.addSource(source, onJob);
        }
        publish();
    }

    private void onJob(JobStatus status) {
        job = status;
        if (status != null && status.getOutput() != null && !status.getOutput().equals(picture)) {
            picture = status.getOutput();
            describe(picture);
        }
        publish();
    }

    private void describe(Uri uri) {
        String type = resolver.getType(uri);
        if (type != null) {
            mimeType = type;
        }
        try (Cursor c = resolver.query(uri, new String[] {OpenableColumns.DISPLAY_NAME}, null, null, null)) {
            if (c != null && c.moveToFirst() && c.getString(0) != null) {
                displayName = c.getString(0);
            }
        } catch (RuntimeException e) {
            Log.w(TAG, "no display name for " + uri, e);
        }
    }

    /** Divider moved by drag or by an accessibility action; clamped to [0, 1]. */
    public void onSplitChanged(float value) {
        split = Math.max(0f, Math.min(1f, value));
        publish();
    }

    public void onCancelJob() {
        if (job != null) {
            jobs.cancel(job.getId());
        }
    }

    /**
     * Shares the result: the picture itself, or a copy without its location when Settings say so (made on the io
     * thread; {@code start} then gets the chooser on the main thread).
     */
    public void share(java.util.function.Consumer<Intent> start) {
        Uri from = picture;
        if (from == null) {
            return;
        }
        boolean keepLocation = new SettingsStore(getApplication()).read().locationInShared();
        String name = displayName;
        io.execute(() -> {
            Uri shared = SharedCopies.forSharing(getApplication(), from, name, keepLocation);
            if (shared == null) { // no copy without the location could be made: say so, never share the original
                main.post(() -> announce(ResultUiState.Notice.SHARE_FAILED));
                return;
            }
            Intent intent = ResultIntents.share(shared, mimeType, getApplication().getString(R.string.result_share_title));
            main.post(() -> start.accept(intent));
        });
    }

    /** The "save a copy" document picker for the result; null until there is one. */
    public Intent saveIntent() {
        return picture == null ? null : ResultIntents.saveCopy(displayName, mimeType);
    }

    /** The person chose where the copy goes: copy the bytes there, off the main thread. */
    public void onSaveLocationChosen(Uri destination) {
        Uri from = picture;
        if (destination == null || from == null) {
            return;
        }
        io.execute(() -> {
            try (InputStream in = resolver.openInputStream(from);
                 OutputStream out = resolver.openOutputStream(destination, "w")) {
                if (in == null || out == null) {
                    throw new IOException("cannot open " + (in == null ? from : destination));
                }
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                main.post(() -> announce(ResultUiState.Notice.SAVED));
            } catch (IOException | RuntimeException e) {
                Log.e(TAG, "saving a copy to " + destination + " failed", e);
                main.post(() -> announce(ResultUiState.Notice.SAVE_FAILED));
            }
        });
    }

    private void announce(ResultUiState.Notice notice) {
        this.notice = notice;
        publish();
    }

    public void onNoticeShown() {
        announce(ResultUiState.Notice.NONE);
    }

    private void publish() {
        Uri before = job == null ? null : job.getInput();
        uiState.setValue(new ResultUiState(job, before, picture, displayName, mimeType, split, notice));
    }
}
