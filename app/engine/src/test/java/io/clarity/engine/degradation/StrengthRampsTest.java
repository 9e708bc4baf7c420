package io.clarity.engine.degradation;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

public class StrengthRampsTest {

    @Test
    public void theRampsAddUpAndClipAtOne() {
        StrengthRamps ramps = new StrengthRamps(90, 50, 2, 10, 0.6, 1.0);
        assertEquals(0, ramps.strength(90, 2, 0.6), 1e-9);
        assertEquals(0, ramps.strength(null, 2, 0.6), 1e-9);
        assertEquals(0, ramps.strength(95, 0, 0.05), 1e-9);
        assertEquals(0.5, ramps.strength(70, 2, 0.6), 1e-9);
        assertEquals(0.25, ramps.strength(null, 4, 0.6), 1e-9);
        assertEquals(0.25, ramps.strength(null, 2, 0.7), 1e-9);
        assertEquals("JPEG and noise together", 0.75, ramps.strength(70, 4, 0.6), 1e-9);
        assertEquals(1, ramps.strength(70, 10, 1.0), 0);
    }

    @Test(expected = IllegalArgumentException.class)
    public void rampsWhoseHeavyEndIsNotPastTheLightOneAreRefused() {
        new StrengthRamps(50, 90, 2, 10, 0.6, 1.0);
    }
}
