package io.clarity.engine.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SymmetricBorderTest {
    @Test
    public void mirrorsWithTheEdgePixelRepeated() {
        int[] expected = {2, 1, 0, 0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 0, 1};
        for (int i = -3; i < 12; i++) {
            assertEquals("index " + i, expected[i + 3], SymmetricBorder.index(i, 5));
        }
    }

    @Test
    public void onePixelExtendsToAConstant() {
        for (int i = -40; i < 40; i++) {
            assertEquals(0, SymmetricBorder.index(i, 1));
        }
    }

    @Test
    public void farIndicesStayInRange() {
        assertEquals(SymmetricBorder.index(3, 7), SymmetricBorder.index(3 + 14 * 1000, 7));
        assertEquals(SymmetricBorder.index(-5, 3), SymmetricBorder.index(-5 - 6 * 1000, 3));
        assertThrows(IllegalArgumentException.class, () -> SymmetricBorder.index(0, 0));
    }
}
