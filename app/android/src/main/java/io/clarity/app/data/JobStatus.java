package io.clarity.app.data;

import android.net.Uri;

import java.util.UUID;

/** One enhance job as the UI shows it, read from WorkManager (the source of truth for jobs). */
public final class JobStatus {
    public enum State { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    private final UUID id;
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

    public JobStatus(UUID id, State state, int tilesDone, int tilesTotal, long etaMillis, Uri input, Uri output,
                     int width, int height, String backend, double millisPerTile, String error) {
        this.id = id;
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
    }

    public UUID getId() {
        return id;
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

    /** The photo the job read; null while it runs (WorkManager hands input data to the worker only). */
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

    /** "GPU" or "CPU" once done, else null. */
    public String getBackend() {
        return backend;
    }

    public double getMillisPerTile() {
        return millisPerTile;
    }

    public String getError() {
        return error;
    }

    public boolean isActive() {
        return state == State.WAITING || state == State.RUNNING;
    }
}
