package io.clarity.engine.tiling;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.clarity.engine.image.Region;

import org.junit.Test;

public class TilePlannerTest {

    /** Cores partition the image: contiguous, no gaps, no overlap, each within the allowed size. */
    private static void assertCoresPartition(TilePlan plan, int maxCore) {
        int y = 0;
        for (int row = 0; row < plan.rows(); row++) {
            int x = 0;
            for (int col = 0; col < plan.columns(); col++) {
                Region core = plan.tile(col, row).core();
                assertEquals(x, core.x());
                assertEquals(y, core.y());
                assertTrue(core.width() >= 1 && core.width() <= maxCore);
                assertTrue(core.height() >= 1 && core.height() <= maxCore);
                x += core.width();
            }
            assertEquals(plan.imageWidth(), x);
            assertEquals(plan.rowEnd(row), y + plan.tile(0, row).core().height());
            y = plan.rowEnd(row);
        }
        assertEquals(plan.imageHeight(), y);
    }

    @Test
    public void onePixelImageGetsOneTilePaddedToTheFixedShape() {
        TilePlan plan = TilePlanner.planFixed(1, 1, 16, 12, 4);
        assertEquals(1, plan.tileCount());
        Tile tile = plan.tile(0, 0);
        assertEquals(new Region(0, 0, 1, 1), tile.core());
        assertEquals(new Region(-4, -4, 16, 12), tile.input());
    }

    @Test
    public void imageSmallerThanOneTileGetsOneTile() {
        TilePlan plan = TilePlanner.planFree(20, 30, 64, 64, 5);
        assertEquals(1, plan.tileCount());
        assertEquals(new Region(-5, -5, 30, 40), plan.tile(0, 0).input());
    }

    @Test
    public void coresPartitionOddSizes() {
        int[][] sizes = {{1, 1}, {7, 13}, {257, 129}, {1000, 3}, {3, 1000}, {64, 64}, {65, 63}};
        for (int[] size : sizes) {
            assertCoresPartition(TilePlanner.planFree(size[0], size[1], 24, 24, 3), 18);
            assertCoresPartition(TilePlanner.planFixed(size[0], size[1], 24, 24, 3), 18);
        }
    }

    @Test
    public void coreSizesDifferByAtMostOnePixel() {
        TilePlan plan = TilePlanner.planFree(1000, 10, 100, 100, 10);
        assertEquals(13, plan.columns()); // ceil(1000 / 80)
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int col = 0; col < plan.columns(); col++) {
            int w = plan.tile(col, 0).core().width();
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertTrue(max - min <= 1);
    }

    @Test
    public void fixedTilesAllHaveTheModelShapeAndFreeTilesAddTheHalo() {
        TilePlan fixed = TilePlanner.planFixed(257, 129, 40, 30, 5);
        TilePlan free = TilePlanner.planFree(257, 129, 40, 30, 5);
        for (int row = 0; row < fixed.rows(); row++) {
            for (int col = 0; col < fixed.columns(); col++) {
                Tile f = fixed.tile(col, row);
                assertEquals(40, f.input().width());
                assertEquals(30, f.input().height());
                assertEquals(f.core().x() - 5, f.input().x());
                Tile t = free.tile(col, row);
                assertEquals(t.core().width() + 10, t.input().width());
                assertEquals(t.core().height() + 10, t.input().height());
            }
        }
    }

    @Test
    public void coversFiftyMegapixelsAndBeyond() {
        TilePlan plan = TilePlanner.planFixed(12000, 9000, 192, 192, 4);
        assertEquals(((12000 + 183) / 184) * ((9000 + 183) / 184), plan.tileCount());
        assertCoresPartition(plan, 184);
        assertEquals(plan.tileCount() * 192L * 192L, plan.computedPixels());
    }

    @Test
    public void overheadCountsOverlapAndPadding() {
        // 10x10 image, 16x16 fixed tiles, halo 3: one 10x10 core per tile, 4 tiles of 256 px.
        TilePlan plan = TilePlanner.planFixed(20, 20, 16, 16, 3);
        assertEquals(4, plan.tileCount());
        assertEquals(4 * 256, plan.computedPixels());
        assertEquals(1024.0 / 400, plan.overlapOverhead(), 1e-12);
    }

    @Test
    public void rejectsTilesWithNoRoomInsideTheHalo() {
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.planFixed(100, 100, 8, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.planFree(100, 100, 64, 64, -1));
    }

    @Test
    public void rejectsEmptyImages() {
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.planFree(0, 10, 64, 64, 2));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.planFree(10, 0, 64, 64, 2));
    }
}
