package io.clarity.app.data;

import android.net.Uri;

import java.util.UUID;

/**
 * One enhance job as the UI shows it: its lasting state (kept until the person dismisses it), live progress while it
 * runs, and what it produced or why it did not.
 */
public final class JobStatus {
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final UUID id;
    private final String displayName;
    private final State state;
    private final int tilesDone;
    private final int tilesTotal;
    private final long etaMillis;
    private final Uri input;
    private final Uri output;
    private final int width;
    private final int height;
    private final String backend;
    private final double millisPerTile;
    private final String error;
    private final String note;
    private final JobPreview preview;

    /**
     * @param error why a FAILED job failed, in words a person understands; null otherwise
     * @param note  what the person should know about a job that ran (the CPU was used because …, no foreground
     *              service was allowed …); null when nothing is worth saying
     */
    public JobStatus(UUID id, String displayName, State state, int tilesDone, int tilesTotal, long etaMillis, Uri input,
                     Uri output, int width, int height, String backend, double millisPerTile, String error, String note) {
        this(id, displayName, state, tilesDone, tilesTotal, etaMillis, input, output, width, height, backend,
                millisPerTile, error, note, null);
    }

    private JobStatus(UUID id, String displayName, State state, int tilesDone, int tilesTotal, long etaMillis,
                      Uri input, Uri output, int width, int height, String backend, double millisPerTile, String error,
                      String note, JobPreview preview) {
        this.preview = preview;
        this.id = id;
        this.displayName = displayName;
        this.state = state;
        this.tilesDone = tilesDone;
        this.tilesTotal = tilesTotal;
        this.etaMillis = etaMillis;
        this.input = input;
        this.output = output;
        this.width = width;
        this.height = height;
        this.backend = backend;
        this.millisPerTile = millisPerTile;
        this.error = error;
        this.note = note;
    }

    public UUID getId() {
        return id;
    }

    /** The output's file name, extension included. */
    public String getDisplayName() {
        return displayName;
    }

    public State getState() {
        return state;
    }

    public int getTilesDone() {
        return tilesDone;
    }

    public int getTilesTotal() {
        return tilesTotal;
    }

    /** Done fraction in [0, 1]; 0 before the first tile. */
    public float getFraction() {
        return tilesTotal == 0 ? 0f : (float) tilesDone / tilesTotal;
    }

    public long getEtaMillis() {
        return etaMillis;
    }

    /** The photo the person chose (the job reads its durable copy). */
    public Uri getInput() {
        return input;
    }

    /** The published picture; null until done. */
    public Uri getOutput() {
        return output;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    /** "GPU", "CPU" or "Java" once done, else null. */
    public String getBackend() {
        return backend;
    }

    public double getMillisPerTile() {
        return millisPerTile;
    }

    public String getError() {
        return error;
    }

    public String getNote() {
        return note;
    }

    /** The live preview while the job runs; null before its first file and once it ended. */
    public JobPreview getPreview() {
        return preview;
    }

    /** This status with the running job's latest preview. */
    public JobStatus withPreview(JobPreview preview) {
        return new JobStatus(id, displayName, state, tilesDone, tilesTotal, etaMillis, input, output, width, height,
                backend, millisPerTile, error, note, preview);
    }

    public boolean isActive() {
        return state == State.QUEUED || state == State.RUNNING;
    }

    /** A failed or cancelled job can run again. */
    public boolean isRetryable() {
        return state == State.FAILED || state == State.CANCELLED;
    }
}
