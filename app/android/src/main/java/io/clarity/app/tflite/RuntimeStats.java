package io.clarity.app.tflite;

/**
 * What ran a job's tiles: the backend the job finished on, why it is not the GPU when the GPU was wanted, and the
 * mean time per tile on the finishing backend. Written from the tile worker, read by the job afterwards.
 */
public final class RuntimeStats {
    /** Why a job left (or never tried) the preferred backend. */
    public enum Fallback {
        NONE,
        /** The delegate failed to start or failed mid-job; {@link #fallbackReason()} says how. */
        GPU_FAILED,
        /** The process died during an earlier GPU run of this model: the GPU is off for it on this phone. */
        GPU_UNSAFE,
        /** The TFLite native library did not load: the Java reference network ran. */
        NO_NATIVE_LIBRARY,
        /** The NNAPI delegate failed to start or failed mid-job; {@link #fallbackReason()} says how. */
        NNAPI_FAILED,
        /** The process died during an earlier NNAPI run of this model: NNAPI is off for it on this phone. */
        NNAPI_UNSAFE,
        /** XNNPACK could not run the int8 model; the float model ran. */
        INT8_FAILED,
        /**
         * The processor in the settings is not what ran, for the {@link BackendChoice.Why} named in
         * {@link #fallbackReason()} (no GPU here, NNAPI not offered, its output failed this phone's benchmark).
         */
        NOT_AS_SET
    }

    private volatile Backend backend;
    private volatile Fallback fallback = Fallback.NONE;
    private volatile String fallbackReason;
    private long tiles;
    private long nanos;

    synchronized void started(Backend backend) {
        this.backend = backend;
        tiles = 0;
        nanos = 0;
    }

    /** Records the move to {@code backend} and why; the last (most severe) move wins. */
    synchronized void fellBack(Backend backend, Fallback why, String reason) {
        fallback = why;
        fallbackReason = reason;
        started(backend);
    }

    /** The preferred backend was not tried at all for {@code why}. */
    synchronized void skippedGpu(Fallback why, String reason) {
        fallback = why;
        fallbackReason = reason;
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
        return fallback != Fallback.NONE;
    }

    public Fallback fallback() {
        return fallback;
    }

    /** The error (or the guard's record) that moved the job off its preferred backend, or null. */
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
