package io.clarity.engine.tiling;

import static org.junit.Assert.assertEquals;

import io.clarity.engine.image.Region;

import org.junit.Test;

public class TileAssemblerTest {
    @Test
    public void keepsTheCoreStartingHaloTimesScaleIn() {
        Tile tile = TilePlanner.planFixed(100, 50, 32, 32, 4).tile(1, 1);
        // 5 columns of 20 px and 3 rows of 16 or 17 px: cores of at most 32 - 2 * 4.
        assertEquals(new Region(20, 16, 20, 17), tile.core());
        assertEquals(new Region(8, 8, 40, 34), TileAssembler.keptRegion(tile, 2));
        assertEquals(new Region(40, 32, 40, 34), TileAssembler.outputRegion(tile, 2));
    }

    @Test
    public void outputRegionsTileTheUpscaledImage() {
        TilePlan plan = TilePlanner.planFree(37, 11, 20, 20, 3);
        long area = 0;
        for (int row = 0; row < plan.rows(); row++) {
            for (int col = 0; col < plan.columns(); col++) {
                Region out = TileAssembler.outputRegion(plan.tile(col, row), 3);
                area += (long) out.width() * out.height();
                Region kept = TileAssembler.keptRegion(plan.tile(col, row), 3);
                assertEquals(out.width(), kept.width());
                assertEquals(9, kept.x());
            }
        }
        assertEquals(37L * 11 * 9, area);
    }
}
