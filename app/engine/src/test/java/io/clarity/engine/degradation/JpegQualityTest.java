package io.clarity.engine.degradation;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ByteArrayOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.PhotoMetadata;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class JpegQualityTest {

    @Test
    public void everyQualityOfOurWriterReadsBackExactly() throws IOException {
        ArgbImage image = DegradationEstimateTest.scene(24, 16, 3);
        for (StreamingJpegWriter.Subsampling s : StreamingJpegWriter.Subsampling.values()) {
            for (int q = 1; q <= 100; q++) {
                JpegQuality read = JpegQuality.of(encode(image, q, s)).orElseThrow();
                assertEquals(s + " q" + q, q, read.quality());
                assertTrue(s + " q" + q, read.exact());
            }
        }
    }

    @Test
    public void libjpegFilesReadBackExactly() throws IOException {
        for (int q : new int[] {12, 37, 50, 75, 80, 90, 97, 100}) {
            JpegQuality read = JpegQuality.of(resource("libjpeg-q" + q + ".jpg")).orElseThrow();
            assertEquals("cjpeg -quality " + q, q, read.quality());
            assertTrue("cjpeg -quality " + q, read.exact());
        }
        JpegQuality gray = JpegQuality.of(resource("libjpeg-gray-q80.jpg")).orElseThrow();
        assertEquals(80, gray.quality());
        assertTrue(gray.exact());
    }

    @Test
    public void tablesOfTwoQualitiesAreNotExact() throws IOException {
        JpegQuality mixed = JpegQuality.of(resource("libjpeg-q80-chroma-q60.jpg")).orElseThrow();
        assertFalse(mixed.exact());
        assertTrue("nearest " + mixed.quality(), mixed.quality() >= 60 && mixed.quality() <= 80);
    }

    @Test
    public void bytesThatAreNoJpegHaveNoQuality() throws IOException {
        assertEquals(Optional.empty(), JpegQuality.of(new byte[0]));
        assertEquals(Optional.empty(), JpegQuality.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        byte[] jpeg = resource("libjpeg-q80.jpg");
        for (int cut = 0; cut < 200; cut += 7) {
            JpegQuality.of(Arrays.copyOf(jpeg, cut)); // a truncated header: no exception, whatever it could read
        }
    }

    static byte[] encode(ArgbImage image, int quality, StreamingJpegWriter.Subsampling s) throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingJpegWriter w = new StreamingJpegWriter(target, quality, s, PhotoMetadata.NONE);
        w.start(image.width(), image.height(), false);
        w.writeRows(image);
        w.finish();
        return target.committed();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JpegQualityTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
