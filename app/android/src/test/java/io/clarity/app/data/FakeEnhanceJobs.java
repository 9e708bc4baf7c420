package io.clarity.app.data;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;

import io.clarity.app.work.EnhanceRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** The job contract in memory for view-model tests: records what was asked, lists what a test puts in. */
public final class FakeEnhanceJobs implements EnhanceJobs {
    public final List<EnhanceRequest> enqueued = new ArrayList<>();
    public final List<UUID> ids = new ArrayList<>();
    public final List<UUID> cancelled = new ArrayList<>();
    public final List<UUID> retried = new ArrayList<>();
    public final List<UUID> dismissed = new ArrayList<>();
    public int resumes;
    public final MutableLiveData<List<JobStatus>> statuses = new MutableLiveData<>(Collections.emptyList());

    @Override
    public UUID enqueue(EnhanceRequest request) {
        UUID id = UUID.randomUUID();
        enqueued.add(request);
        ids.add(id);
        return id;
    }

    @Override
    public LiveData<List<JobStatus>> jobs() {
        return statuses;
    }

    @Override
    public void cancel(UUID id) {
        cancelled.add(id);
    }

    @Override
    public void retry(UUID id) {
        retried.add(id);
    }

    @Override
    public void resume() {
        resumes++;
    }

    @Override
    public void dismiss(UUID id) {
        dismissed.add(id);
    }
}
