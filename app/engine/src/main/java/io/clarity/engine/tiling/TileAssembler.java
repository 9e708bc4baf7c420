package io.clarity.engine.tiling;

import io.clarity.engine.image.Region;

/**
 * Where a tile's model output goes: the model returns its whole input region upscaled; only the core is
 * kept, which starts {@code halo × scale} pixels in, and it lands at the core's position times the scale.
 */
public final class TileAssembler {
    private TileAssembler() {
    }

    /** The part of the model's output that is kept, in the output tile's coordinates. */
    public static Region keptRegion(Tile tile, int scale) {
        Region core = tile.core();
        Region input = tile.input();
        return new Region((core.x() - input.x()) * scale, (core.y() - input.y()) * scale,
                core.width() * scale, core.height() * scale);
    }

    /** Where the kept part lands, in the output image's coordinates. */
    public static Region outputRegion(Tile tile, int scale) {
        Region core = tile.core();
        return new Region(core.x() * scale, core.y() * scale, core.width() * scale, core.height() * scale);
    }
}
