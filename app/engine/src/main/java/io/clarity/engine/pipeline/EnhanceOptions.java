package io.clarity.engine.pipeline;

/** How to run: worker threads, the tile size for models that accept any shape, and the memory a tile row may use. */
public final class EnhanceOptions {
    /** Default input tile side for free-shape models, halo included. */
    public static final int DEFAULT_TILE_SIZE = 192;

    private final int threads;
    private final int tileSize;
    private final long maxBandBytes;

    public EnhanceOptions(int threads, int tileSize) {
        this(threads, tileSize, 0);
    }

    private EnhanceOptions(int threads, int tileSize, long maxBandBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (tileSize < 1) {
            throw new IllegalArgumentException("tile size must be >= 1, was " + tileSize);
        }
        if (maxBandBytes < 0) {
            throw new IllegalArgumentException("band budget must be >= 0, was " + maxBandBytes);
        }
        this.threads = threads;
        this.tileSize = tileSize;
        this.maxBandBytes = maxBandBytes;
    }

    /** One worker (right for GPU and NNAPI runtimes, which parallelise inside) and 192 px tiles. */
    public static EnhanceOptions defaults() {
        return new EnhanceOptions(1, DEFAULT_TILE_SIZE);
    }

    /**
     * The same options with the output band of one tile row (output width × core rows × scale × 4 bytes: 94 MB for
     * an 8000-px-wide photo at x4 with 192 px tiles) held to {@code bytes}: free-shape tiles get shorter, never
     * narrower. 0 means no limit.
     */
    public EnhanceOptions withMaxBandBytes(long bytes) {
        return new EnhanceOptions(threads, tileSize, bytes);
    }

    /** Worker threads, each with its own model instance; use the core count for CPU runtimes. */
    public int threads() {
        return threads;
    }

    /** Input tile side, halo included, for models without a fixed shape (a fixed shape overrides it). */
    public int tileSize() {
        return tileSize;
    }

    /** The most bytes one tile row's output band may take; 0 for no limit. */
    public long maxBandBytes() {
        return maxBandBytes;
    }

    /**
     * The input tile height, halo included, for a free-shape model on an image {@code width} px wide: the tile size,
     * or less when the band budget needs it (at least one core row).
     */
    public int tileHeightFor(int width, int scale, int halo) {
        if (maxBandBytes == 0) {
            return tileSize;
        }
        long bytesPerCoreRow = (long) width * scale * scale * Integer.BYTES;
        long coreRows = Math.max(1, maxBandBytes / bytesPerCoreRow);
        return (int) Math.min(tileSize, coreRows + 2L * halo);
    }
}
