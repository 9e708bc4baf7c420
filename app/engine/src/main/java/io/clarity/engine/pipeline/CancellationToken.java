package io.clarity.engine.pipeline;

/**
 * Cooperative cancellation: any thread may call {@link #cancel()}; the engine checks before every tile, so a
 * run stops after the tiles already in flight (at most one per worker) and throws
 * {@link java.util.concurrent.CancellationException}.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
