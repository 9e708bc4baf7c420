package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.metadata.PhotoMetadata;
import org.junit.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.Assert.assertEquals;

public class StreamingPngWriterTest {
    @Test
    public void rgbRoundTripsBitExactly() throws IOException {
        assertRoundTrip(TestImages.photoLike(67, 41, false, 4), false);
    }

    @Test
    public void rgbaRoundTripsBitExactly() throws IOException {
        assertRoundTrip(TestImages.photoLike(33, 70, true, 5), true);
    }

    @Test
    public void imageBiggerThanOneIdatChunkRoundTrips() throws IOException {
        assertRoundTrip(TestImages.photoLike(400, 300, false, 6), false);
    }

    @Test
    public void abortAfterSomeRowsDiscardsEverythingAndMayRepeat() throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingPngWriter w = new StreamingPngWriter(target, PhotoMetadata.NONE);
        w.start(10, 10, true);
        w.writeRows(TestImages.photoLike(10, 4, true, 8));
        w.abort();
        w.abort();
        assertEquals(true, target.discarded());
        assertEquals(null, target.committed());
    }

    private static void assertRoundTrip(ArgbImage img, boolean alpha) throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingPngWriter w = new StreamingPngWriter(target, PhotoMetadata.NONE);
        w.start(img.width(), img.height(), alpha);
        int y = 0;
        int[] bands = {3, 1, 16};
        for (int i = 0; y < img.height(); i++) {
            int rows = Math.min(bands[i % bands.length], img.height() - y);
            w.writeRows(TestImages.band(img, y, rows));
            y += rows;
        }
        w.finish();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(target.committed()));
        assertEquals(alpha, decoded.getColorModel().hasAlpha());
        for (int yy = 0; yy < img.height(); yy++) {
            for (int x = 0; x < img.width(); x++) {
                int expected = alpha ? img.get(x, yy) : img.get(x, yy) | 0xFF000000;
                assertEquals("pixel " + x + "," + yy, Integer.toHexString(expected),
                        Integer.toHexString(decoded.getRGB(x, yy)));
            }
        }
    }
}
