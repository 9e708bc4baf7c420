package io.clarity.engine.pipeline;

/** How to run: worker threads, and the tile size for models that accept any shape. */
public final class EnhanceOptions {
    /** Default input tile side for free-shape models, halo included. */
    public static final int DEFAULT_TILE_SIZE = 192;

    private final int threads;
    private final int tileSize;

    public EnhanceOptions(int threads, int tileSize) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (tileSize < 1) {
            throw new IllegalArgumentException("tile size must be >= 1, was " + tileSize);
        }
        this.threads = threads;
        this.tileSize = tileSize;
    }

    /** One worker (right for GPU and NNAPI runtimes, which parallelise inside) and 192 px tiles. */
    public static EnhanceOptions defaults() {
        return new EnhanceOptions(1, DEFAULT_TILE_SIZE);
    }

    /** Worker threads, each with its own model instance; use the core count for CPU runtimes. */
    public int threads() {
        return threads;
    }

    /** Input tile side, halo included, for models without a fixed shape (a fixed shape overrides it). */
    public int tileSize() {
        return tileSize;
    }
}
