package io.clarity.engine.pipeline;

/** Receives progress after every finished tile, on the thread that called {@link Enhancer#run}. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
