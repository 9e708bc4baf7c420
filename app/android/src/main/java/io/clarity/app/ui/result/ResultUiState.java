package io.clarity.app.ui.result;

import android.net.Uri;

import io.clarity.app.data.JobStatus;

/** The result screen, immutable: the job (or a finished picture), the divider position, a one-time notice. */
public final class ResultUiState {
    /** What the screen tells the person once (a snackbar), then acknowledges. */
    public enum Notice { NONE, SAVED, SAVE_FAILED, SHARE_FAILED }

    private final JobStatus job;
    private final Uri before;
    private final Uri after;
    private final String displayName;
    private final String mimeType;
    private final float split;
    private final Notice notice;

    public ResultUiState(JobStatus job, Uri before, Uri after, String displayName, String mimeType, float split,
                         Notice notice) {
        this.job = job;
        this.before = before;
        this.after = after;
        this.displayName = displayName;
        this.mimeType = mimeType;
        this.split = split;
        this.notice = notice;
    }

    /** The job behind this result; null for a picture opened from recent results. */
    public JobStatus getJob() {
        return job;
    }

    /**
     * The input photo (the one the person chose); null when no listed job made this picture (its job was dismissed).
     */
    public Uri getBefore() {
        return before;
    }

    /** The enhanced picture, or null while the job runs. */
    public Uri getAfter() {
        return after;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getMimeType() {
        return mimeType;
    }

    /** Divider position, 0 (all before) to 1 (all after). */
    public float getSplit() {
        return split;
    }

    /** A copy was saved, or saving or sharing failed; the screen shows it once, then acknowledges. */
    public Notice getNotice() {
        return notice;
    }

    public boolean isReady() {
        return after != null;
    }
}
