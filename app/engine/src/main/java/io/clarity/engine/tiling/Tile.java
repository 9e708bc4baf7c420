package io.clarity.engine.tiling;

import io.clarity.engine.image.Region;

/**
 * One tile of a {@link TilePlan}: the core it contributes to the output, and the input region the model
 * sees, which adds the halo on every side and, for fixed-shape models, padding up to the model's shape on the
 * right and bottom. The input region may reach past the image; those pixels come from
 * {@link io.clarity.engine.image.SymmetricBorder}.
 */
public final class Tile {
    private final int column;
    private final int row;
    private final Region core;
    private final Region input;

    Tile(int column, int row, Region core, Region input) {
        this.column = column;
        this.row = row;
        this.core = core;
        this.input = input;
    }

    public int column() {
        return column;
    }

    public int row() {
        return row;
    }

    /** The pixels of the image this tile produces, in input-image coordinates. */
    public Region core() {
        return core;
    }

    /** The pixels fed to the model, in input-image coordinates (may extend past the image). */
    public Region input() {
        return input;
    }

    @Override
    public String toString() {
        return "Tile[" + column + "," + row + " core " + core + " input " + input + "]";
    }
}
