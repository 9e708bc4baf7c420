package io.clarity.app.tflite;

/**
 * What ran a job's tiles: the backend the job finished on, whether it had to leave the GPU, and the mean
 * time per tile on the finishing backend. Written from the tile worker, read by the job afterwards.
 */
public final class RuntimeStats {
    private volatile Backend backend;
    private volatile boolean fellBack;
    private volatile String fallbackReason;
    private long tiles;
    private long nanos;

    synchronized void started(Backend backend) {
        this.backend = backend;
        tiles = 0;
        nanos = 0;
    }

    synchronized void fellBackToCpu(String reason) {
        fellBack = true;
        fallbackReason = reason;
        started(Backend.CPU);
    }

    synchronized void tileDone(long tileNanos) {
        tiles++;
        nanos += tileNanos;
    }

    /** The backend the last tile ran on; null before any model was created. */
    public Backend backend() {
        return backend;
    }

    public boolean fellBack() {
        return fellBack;
    }

    /** The delegate error that moved the job to the CPU, or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    public synchronized long tiles() {
        return tiles;
    }

    /** Mean milliseconds per tile on {@link #backend()}, or 0 before the first tile. */
    public synchronized double millisPerTile() {
        return tiles == 0 ? 0 : nanos / 1e6 / tiles;
    }
}
