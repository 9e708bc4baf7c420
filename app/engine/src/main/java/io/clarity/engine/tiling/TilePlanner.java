package io.clarity.engine.tiling;

/**
 * Plans tiles: splits each axis into the fewest cores that fit the tile minus twice the halo, with sizes
 * differing by at most one pixel, so no sliver tile wastes a model call.
 */
public final class TilePlanner {
    private TilePlanner() {
    }

    /**
     * Plans for a model with one static input shape: every tile's input is exactly
     * {@code tileWidth × tileHeight}, halo included; edge tiles are padded up to it, never resized.
     */
    public static TilePlan planFixed(int imageWidth, int imageHeight, int tileWidth, int tileHeight, int halo) {
        return plan(imageWidth, imageHeight, tileWidth, tileHeight, halo, true);
    }

    /**
     * Plans for a model that takes any shape: a tile's input is at most {@code maxTileWidth × maxTileHeight},
     * halo included, and edge tiles are not padded beyond the halo.
     */
    public static TilePlan planFree(int imageWidth, int imageHeight, int maxTileWidth, int maxTileHeight, int halo) {
        return plan(imageWidth, imageHeight, maxTileWidth, maxTileHeight, halo, false);
    }

    private static TilePlan plan(int imageWidth, int imageHeight, int tileWidth, int tileHeight, int halo,
                                 boolean fixed) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image must be at least 1x1, was " + imageWidth + "x" + imageHeight);
        }
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, was " + halo);
        }
        int maxCoreWidth = tileWidth - 2 * halo;
        int maxCoreHeight = tileHeight - 2 * halo;
        if (maxCoreWidth < 1 || maxCoreHeight < 1) {
            throw new IllegalArgumentException("a " + tileWidth + "x" + tileHeight + " tile leaves no core inside a halo of "
                    + halo + " px; use tiles larger than " + (2 * halo) + " px");
        }
        return new TilePlan(imageWidth, imageHeight, halo, fixed ? tileWidth : 0, fixed ? tileHeight : 0,
                split(imageWidth, maxCoreWidth), split(imageHeight, maxCoreHeight));
    }

    /** Boundaries of ceil(length / maxCore) near-equal parts: starts[i] = floor(i · length / n). */
    static int[] split(int length, int maxCore) {
        int n = (int) (((long) length + maxCore - 1) / maxCore);
        int[] starts = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            starts[i] = (int) ((long) i * length / n);
        }
        return starts;
    }
}
