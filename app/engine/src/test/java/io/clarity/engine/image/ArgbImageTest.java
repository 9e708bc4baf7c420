package io.clarity.engine.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class ArgbImageTest {
    @Test
    public void rejectsArrayOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new ArgbImage(3, 2, new int[5]));
    }

    @Test
    public void getReadsWhatSetWrote() {
        ArgbImage image = new ArgbImage(3, 2);
        image.set(2, 1, 0xff102030);
        assertEquals(0xff102030, image.get(2, 1));
        assertEquals(0xff102030, image.pixels()[5]);
    }
}
