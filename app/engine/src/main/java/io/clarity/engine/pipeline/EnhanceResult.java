package io.clarity.engine.pipeline;

/** What a finished run cost: tiles, pixels the model computed, and time in model calls versus in total. */
public final class EnhanceResult {
    private final int tiles;
    private final long computedPixels;
    private final long imagePixels;
    private final long modelNanos;
    private final long wallNanos;

    EnhanceResult(int tiles, long computedPixels, long imagePixels, long modelNanos, long wallNanos) {
        this.tiles = tiles;
        this.computedPixels = computedPixels;
        this.imagePixels = imagePixels;
        this.modelNanos = modelNanos;
        this.wallNanos = wallNanos;
    }

    public int tiles() {
        return tiles;
    }

    /** Input pixels fed to the model, halo overlap and edge padding included. */
    public long computedPixels() {
        return computedPixels;
    }

    /** Pixels of the input image. */
    public long imagePixels() {
        return imagePixels;
    }

    /** Computed pixels per image pixel (equally, per output pixel over scale²). */
    public double overlapOverhead() {
        return (double) computedPixels / imagePixels;
    }

    /** Sum over tiles of the time spent inside {@code model.upscale}, across all workers. */
    public long modelNanos() {
        return modelNanos;
    }

    /** Time of the whole run, model creation included. */
    public long wallNanos() {
        return wallNanos;
    }
}
