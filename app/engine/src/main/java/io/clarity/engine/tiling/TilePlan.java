package io.clarity.engine.tiling;

import io.clarity.engine.image.Region;

/**
 * A grid of tiles covering an image: column and row boundaries of the cores, the halo, and the model's
 * input shape if it has a fixed one. Cores partition the image exactly; tile rows are the bands the
 * engine streams.
 */
public final class TilePlan {
    private final int imageWidth;
    private final int imageHeight;
    private final int halo;
    private final int fixedTileWidth;
    private final int fixedTileHeight;
    private final int[] columnStarts;
    private final int[] rowStarts;

    TilePlan(int imageWidth, int imageHeight, int halo, int fixedTileWidth, int fixedTileHeight,
             int[] columnStarts, int[] rowStarts) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.halo = halo;
        this.fixedTileWidth = fixedTileWidth;
        this.fixedTileHeight = fixedTileHeight;
        this.columnStarts = columnStarts;
        this.rowStarts = rowStarts;
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    public int halo() {
        return halo;
    }

    public int columns() {
        return columnStarts.length - 1;
    }

    public int rows() {
        return rowStarts.length - 1;
    }

    public int tileCount() {
        return columns() * rows();
    }

    /** First image row of tile row {@code row}'s cores. */
    public int rowStart(int row) {
        return rowStarts[row];
    }

    /** One past the last image row of tile row {@code row}'s cores. */
    public int rowEnd(int row) {
        return rowStarts[row + 1];
    }

    public Tile tile(int column, int row) {
        if (column < 0 || column >= columns() || row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("tile " + column + "," + row + " of " + columns() + "x" + rows());
        }
        int x = columnStarts[column];
        int y = rowStarts[row];
        int w = columnStarts[column + 1] - x;
        int h = rowStarts[row + 1] - y;
        int inW = fixedTileWidth > 0 ? fixedTileWidth : w + 2 * halo;
        int inH = fixedTileHeight > 0 ? fixedTileHeight : h + 2 * halo;
        return new Tile(column, row, new Region(x, y, w, h), new Region(x - halo, y - halo, inW, inH));
    }

    /** Input pixels the model computes over the whole plan, padding and overlap included. */
    public long computedPixels() {
        long sum = 0;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                Region in = tile(c, r).input();
                sum += (long) in.width() * in.height();
            }
        }
        return sum;
    }

    /** Computed pixels per image pixel: 1.0 means no overlap and no padding. */
    public double overlapOverhead() {
        return (double) computedPixels() / ((long) imageWidth * imageHeight);
    }
}
