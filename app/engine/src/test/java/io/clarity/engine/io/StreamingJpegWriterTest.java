package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.metadata.PhotoMetadata;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class StreamingJpegWriterTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void tablesAreTheAnnexKTablesImageIoUses() {
        assertArrayEquals(JPEGQTable.K1Luminance.getTable(), JpegTables.LUMINANCE_QUANT);
        assertArrayEquals(JPEGQTable.K2Chrominance.getTable(), JpegTables.CHROMINANCE_QUANT);
        assertHuffman(JPEGHuffmanTable.StdDCLuminance, JpegTables.DC_LUMINANCE_BITS, JpegTables.DC_LUMINANCE_VALUES);
        assertHuffman(JPEGHuffmanTable.StdDCChrominance, JpegTables.DC_CHROMINANCE_BITS,
                JpegTables.DC_CHROMINANCE_VALUES);
        assertHuffman(JPEGHuffmanTable.StdACLuminance, JpegTables.AC_LUMINANCE_BITS, JpegTables.AC_LUMINANCE_VALUES);
        assertHuffman(JPEGHuffmanTable.StdACChrominance, JpegTables.AC_CHROMINANCE_BITS,
                JpegTables.AC_CHROMINANCE_VALUES);
    }

    @Test
    public void zigzagVisitsEveryCoefficientOnceInDiagonalOrder() {
        int[] z = JpegTables.ZIGZAG;
        assertArrayEquals(new int[] {0, 1, 8, 16, 9, 2, 3, 10, 17, 24}, java.util.Arrays.copyOf(z, 10));
        assertEquals(63, z[63]);
        boolean[] seen = new boolean[64];
        for (int i : z) {
            assertFalse(seen[i]);
            seen[i] = true;
        }
    }

    @Test
    public void grayOutputHasOneComponentAndDecodesCloseToTheLuminance() throws IOException {
        ArgbImage img = TestImages.photoLike(61, 45, false, 1);
        int[] px = img.pixels();
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int y = (int) Math.round(0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF));
            px[i] = 0xFF000000 | y * 0x010101;
        }
        byte[] jpeg = encode(img, 95, StreamingJpegWriter.Subsampling.GRAY, new int[] {45});
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(1, decoded.getRaster().getNumBands());
        assertTrue("PSNR " + grayPsnr(img, decoded), grayPsnr(img, decoded) > 36);
        ArgbImage ours = io.clarity.engine.metadata.BaselineJpegDecoder.decode(jpeg, 1 << 20).image;
        assertTrue("PSNR " + grayPsnr(ours, decoded), grayPsnr(ours, decoded) > 45);
    }

    /** Against the raster: getRGB of a grey BufferedImage applies a gamma (Java's grey space is linear). */
    private static double grayPsnr(ArgbImage expected, BufferedImage gray) {
        double sum = 0;
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                int d = (expected.pixels()[y * expected.width() + x] & 0xFF) - gray.getRaster().getSample(x, y, 0);
                sum += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255 / (sum / expected.pixels().length));
    }

    @Test
    public void baselineDecoderAgreesWithImageIo() throws IOException {
        ArgbImage img = TestImages.photoLike(61, 45, false, 2);
        for (StreamingJpegWriter.Subsampling s : new StreamingJpegWriter.Subsampling[] {
            StreamingJpegWriter.Subsampling.YUV420, StreamingJpegWriter.Subsampling.YUV444}) {
            byte[] jpeg = encode(img, 90, s, new int[] {45});
            BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
            ArgbImage ours = io.clarity.engine.metadata.BaselineJpegDecoder.decode(jpeg, 1 << 20).image;
            // Both are IDCT + YCbCr conversions of the same coefficients; chroma upsampling differs (ImageIO
            // interpolates 4:2:0 chroma, we replicate), so 4:2:0 agrees a little less closely.
            double psnr = TestImages.psnr(ours, reference);
            assertTrue(s + " PSNR " + psnr, psnr > (s == StreamingJpegWriter.Subsampling.YUV420 ? 30 : 40));
        }
    }

    @Test
    public void oddSizedImageInUnevenBandsDecodesCloseToTheInput() throws IOException {
        ArgbImage img = TestImages.photoLike(61, 45, false, 1);
        for (StreamingJpegWriter.Subsampling s : new StreamingJpegWriter.Subsampling[] {
            StreamingJpegWriter.Subsampling.YUV420, StreamingJpegWriter.Subsampling.YUV444}) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encode(img, 95, s, new int[] {1, 7, 20, 17})));
            assertEquals(61, decoded.getWidth());
            assertEquals(45, decoded.getHeight());
            double psnr = TestImages.psnr(img, decoded);
            assertTrue(s + " PSNR " + psnr, psnr > 36);
        }
    }

    @Test
    public void qualityNinetyFiveMatchesImageIoWithinAThirdOfADecibel() throws IOException {
        ArgbImage img = TestImages.photoLike(128, 96, false, 2);
        byte[] ours = encode(img, 95, StreamingJpegWriter.Subsampling.YUV420, new int[] {96});
        byte[] theirs = imageIoJpeg(TestImages.toBuffered(img), 0.95f);
        double ourPsnr = TestImages.psnr(img, ImageIO.read(new ByteArrayInputStream(ours)));
        double theirPsnr = TestImages.psnr(img, ImageIO.read(new ByteArrayInputStream(theirs)));
        assertEquals(theirPsnr, ourPsnr, 0.3);
    }

    @Test
    public void fullChromaKeepsColourDetailThatHalfChromaLoses() throws IOException {
        ArgbImage stripes = new ArgbImage(32, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                stripes.set(x, y, x % 2 == 0 ? 0xFFFF0000 : 0xFF0000FF);
            }
        }
        double full = TestImages.psnr(stripes, ImageIO.read(new ByteArrayInputStream(
                encode(stripes, 95, StreamingJpegWriter.Subsampling.YUV444, new int[] {32}))));
        double half = TestImages.psnr(stripes, ImageIO.read(new ByteArrayInputStream(
                encode(stripes, 95, StreamingJpegWriter.Subsampling.YUV420, new int[] {32}))));
        assertTrue("4:4:4 " + full + " dB vs 4:2:0 " + half + " dB", full > half + 10);
    }

    @Test
    public void abortDiscardsEverything() throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingJpegWriter w = new StreamingJpegWriter(target, 90, StreamingJpegWriter.Subsampling.YUV420,
                PhotoMetadata.NONE);
        w.start(16, 32, false);
        w.writeRows(new ArgbImage(16, 16));
        w.abort();
        assertTrue(target.discarded());
        assertNull(target.committed());
    }

    @Test
    public void abortedFileOutputLeavesNoFileBehind() throws IOException {
        Path dir = folder.newFolder().toPath();
        Path out = dir.resolve("out.jpg");
        StreamingJpegWriter w = new StreamingJpegWriter(new FileOutputTarget(out), 90,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        w.start(16, 32, false);
        w.writeRows(new ArgbImage(16, 16));
        w.abort();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    public void finishedFileOutputIsTheOnlyFileLeft() throws IOException {
        Path dir = folder.newFolder().toPath();
        Path out = dir.resolve("out.jpg");
        ArgbImage img = TestImages.photoLike(20, 10, false, 3);
        StreamingJpegWriter w = new StreamingJpegWriter(new FileOutputTarget(out), 90,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        w.start(20, 10, false);
        w.writeRows(img);
        w.finish();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertEquals(20, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    public void protocolViolationsAreRejected() throws IOException {
        StreamingJpegWriter w = new StreamingJpegWriter(new ByteArrayOutputTarget(), 90,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        w.start(16, 16, false);
        expectFailure(() -> w.writeRows(new ArgbImage(15, 4)), "band width 15");
        expectFailure(() -> w.writeRows(new ArgbImage(16, 17)), "overruns");
        w.writeRows(new ArgbImage(16, 8));
        expectFailure(w::finish, "only 8 of 16 rows");
        expectFailure(() -> new StreamingJpegWriter(new ByteArrayOutputTarget(), 0,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE), "quality 0");
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void expectFailure(Action action, String messagePart) throws IOException {
        try {
            action.run();
            fail("expected failure: " + messagePart);
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }

    static byte[] encode(ArgbImage img, int quality, StreamingJpegWriter.Subsampling s, int[] bandHeights)
            throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingJpegWriter w = new StreamingJpegWriter(target, quality, s, PhotoMetadata.NONE);
        w.start(img.width(), img.height(), false);
        int y = 0;
        for (int i = 0; y < img.height(); i++) {
            int rows = Math.min(bandHeights[i % bandHeights.length], img.height() - y);
            w.writeRows(TestImages.band(img, y, rows));
            y += rows;
        }
        w.finish();
        return target.committed();
    }

    private static byte[] imageIoJpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void assertHuffman(JPEGHuffmanTable expected, int[] bits, int[] values) {
        short[] lengths = expected.getLengths();
        short[] vals = expected.getValues();
        assertEquals(lengths.length, bits.length);
        for (int i = 0; i < bits.length; i++) {
            assertEquals(lengths[i], bits[i]);
        }
        assertEquals(vals.length, values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals("value " + i, vals[i], values[i]);
        }
    }
}
