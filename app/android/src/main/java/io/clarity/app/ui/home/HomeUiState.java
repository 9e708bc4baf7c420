package io.clarity.app.ui.home;

import io.clarity.app.data.JobStatus;
import io.clarity.app.data.RecentResults;

import java.util.Collections;
import java.util.List;

/** Everything the home screen shows, immutable: jobs in the queue and recent results. */
public final class HomeUiState {
    private final List<JobStatus> jobs;
    private final List<RecentResults.Item> recentResults;

    public HomeUiState(List<JobStatus> jobs, List<RecentResults.Item> recentResults) {
        this.jobs = Collections.unmodifiableList(jobs);
        this.recentResults = Collections.unmodifiableList(recentResults);
    }

    public static HomeUiState initial() {
        return new HomeUiState(Collections.emptyList(), Collections.emptyList());
    }

    /** Every job until the person dismisses it: queued, running, done, failed (with its reason) or cancelled. */
    public List<JobStatus> getJobs() {
        return jobs;
    }

    public List<RecentResults.Item> getRecentResults() {
        return recentResults;
    }
}
