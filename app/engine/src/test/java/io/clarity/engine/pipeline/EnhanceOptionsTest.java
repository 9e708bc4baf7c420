package io.clarity.engine.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class EnhanceOptionsTest {
    private static final long MB = 1L << 20;

    @Test
    public void withoutABudgetTilesAreSquare() {
        assertEquals(192, EnhanceOptions.defaults().tileHeightFor(8000, 4, 4));
    }

    @Test
    public void aBudgetShortensTileRowsToFitTheBand() {
        // 8000 px at x4: one core row of input is 32000 px × 4 rows × 4 bytes = 512,000 bytes of output band.
        EnhanceOptions options = EnhanceOptions.defaults().withMaxBandBytes(48 * MB);
        int core = options.tileHeightFor(8000, 4, 4) - 2 * 4;
        assertEquals(98, core);
        assertTrue("the band fits", 512_000L * core <= 48 * MB);
        assertTrue("one more row would not", 512_000L * (core + 1) > 48 * MB);
    }

    @Test
    public void aBudgetNeverGrowsTilesOrLeavesNoCore() {
        EnhanceOptions roomy = EnhanceOptions.defaults().withMaxBandBytes(1024 * MB);
        assertEquals("a small photo keeps the default tile", 192, roomy.tileHeightFor(1000, 2, 8));
        EnhanceOptions tiny = EnhanceOptions.defaults().withMaxBandBytes(1);
        assertEquals("at least one core row inside the halo", 1 + 2 * 8, tiny.tileHeightFor(8000, 4, 8));
    }

    @Test
    public void aNegativeBudgetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnhanceOptions.defaults().withMaxBandBytes(-1));
    }
}
