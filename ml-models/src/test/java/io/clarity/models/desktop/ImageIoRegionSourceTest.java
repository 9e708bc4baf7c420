package io.clarity.models.desktop;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class ImageIoRegionSourceTest {
    private static final int BLOCK = 8;
    private static final int COLUMNS = 6;
    private static final int ROWS = 4;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void allEightOrientationsComeOutUprightWithMetadataCarriedOver() throws IOException {
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        ArgbImage raw = blocks();
        for (int o = 1; o <= 8; o++) {
            Path in = folder.newFile("in" + o + ".jpg").toPath();
            PhotoMetadata metadata = new PhotoMetadata(cameraExif(o), icc);
            write(new StreamingJpegWriter(new FileOutputTarget(in), 95, StreamingJpegWriter.Subsampling.YUV444,
                    metadata), raw, false);
            ArgbImage expected = upright(raw, o);
            Path out = folder.newFile("out" + o + ".jpg").toPath();
            // A tiny cache forces several strip decodes, each served to several bands.
            try (ImageIoRegionSource source = ImageIoRegionSource.open(in, 200)) {
                assertEquals("orientation " + o, expected.width(), source.width());
                assertEquals("orientation " + o, expected.height(), source.height());
                assertBlocks("source, orientation " + o, expected, readInBands(source, 5));
                write(new StreamingJpegWriter(new FileOutputTarget(out), 95, StreamingJpegWriter.Subsampling.YUV444,
                        source.metadata().forOutput(source.width(), source.height(), true)),
                        readInBands(source, 7), false);
            }
            BufferedImage decoded = ImageIO.read(out.toFile());
            ArgbImage decodedArgb = new ArgbImage(decoded.getWidth(), decoded.getHeight(),
                    decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth()));
            assertBlocks("output, orientation " + o, expected, decodedArgb);
            PhotoMetadata carried = read(out);
            Exif exif = carried.exif();
            assertEquals(1, exif.orientation());
            assertEquals("Clarity Test Camera Co.", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
            assertEquals("CTC-1", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
            assertEquals("2024:05:17 14:03:22", exif.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
            assertEquals(cameraExif(o).directory(Exif.Ifd.GPS), exif.directory(Exif.Ifd.GPS));
            assertEquals(expected.width(), exif.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_X_DIMENSION).unsigned(0));
            assertEquals(expected.height(), exif.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_Y_DIMENSION).unsigned(0));
            assertArrayEquals(icc, carried.iccProfile());
        }
    }

    @Test
    public void iccTaggedJpegGivesTheStoredValuesNotSrgbConvertedOnes() throws IOException {
        // Under a linear-RGB profile Java would brighten mid-greys a lot if it converted to sRGB.
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        Path in = folder.newFile("linear.jpg").toPath();
        ArgbImage raw = blocks();
        write(new StreamingJpegWriter(new FileOutputTarget(in), 95, StreamingJpegWriter.Subsampling.YUV444,
                new PhotoMetadata(null, linear)), raw, false);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(in)) {
            assertArrayEquals(linear, source.metadata().iccProfile());
            assertBlocks("linear-RGB JPEG", raw, readInBands(source, 8));
        }
        Path png = folder.newFile("linear.png").toPath();
        write(new StreamingPngWriter(new FileOutputTarget(png), new PhotoMetadata(null, linear)), raw, false);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(png)) {
            assertArrayEquals(linear, source.metadata().iccProfile());
            assertArrayEquals(raw.pixels(), readInBands(source, 8).pixels());
        }
    }

    @Test
    public void locationCanBeStripped() throws IOException {
        Path in = folder.newFile("in.jpg").toPath();
        write(new StreamingJpegWriter(new FileOutputTarget(in), 90, StreamingJpegWriter.Subsampling.YUV420,
                new PhotoMetadata(cameraExif(1), null)), blocks(), false);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(in)) {
            Exif out = source.metadata().forOutput(10, 10, false).exif();
            assertTrue(out.directory(Exif.Ifd.GPS).isEmpty());
            assertEquals("CTC-1", out.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        }
    }

    @Test
    public void pngAndBmpRegionsAreExact() throws IOException {
        ArgbImage rgba = blocks();
        for (int i = 0; i < rgba.pixels().length; i++) {
            rgba.pixels()[i] = (rgba.pixels()[i] & 0xFFFFFF) | ((i * 37) & 0xFF) << 24;
        }
        Path png = folder.newFile("a.png").toPath();
        write(new StreamingPngWriter(new FileOutputTarget(png), PhotoMetadata.NONE), rgba, true);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(png, 100)) {
            assertTrue(source.hasAlpha());
            assertArrayEquals(rgba.pixels(), readInBands(source, 3).pixels());
            assertArrayEquals(crop(rgba, new Region(5, 7, 11, 4)).pixels(),
                    source.read(new Region(5, 7, 11, 4)).pixels());
        }
        ArgbImage rgb = blocks();
        Path bmp = folder.newFile("a.bmp").toPath();
        BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, rgb.width(), rgb.height(), rgb.pixels(), 0, rgb.width());
        assertTrue(ImageIO.write(image, "bmp", bmp.toFile()));
        try (ImageIoRegionSource source = ImageIoRegionSource.open(bmp)) {
            assertArrayEquals(rgb.pixels(), readInBands(source, 6).pixels());
        }
    }

    @Test
    public void brokenExifStillOpensAndSaysWhy() throws IOException {
        Path in = folder.newFile("broken.jpg").toPath();
        write(new StreamingJpegWriter(new FileOutputTarget(in), 90, StreamingJpegWriter.Subsampling.YUV420,
                new PhotoMetadata(cameraExif(6), null)), blocks(), false);
        byte[] bytes = Files.readAllBytes(in);
        bytes[2 + 4 + 6 + 2] = 7; // the TIFF magic 42 after "Exif\0\0" and the byte-order mark
        Files.write(in, bytes);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(in)) {
            String dropped = source.metadata().droppedSummary();
            assertNotNull(dropped);
            assertTrue(dropped, dropped.startsWith("EXIF block: TIFF magic number is 7"));
            assertNull(source.metadata().exif());
            assertEquals(COLUMNS * BLOCK, source.width());
        }
    }

    @Test
    public void regionOutsideTheImageIsRejected() throws IOException {
        Path png = folder.newFile("b.png").toPath();
        write(new StreamingPngWriter(new FileOutputTarget(png), PhotoMetadata.NONE), blocks(), false);
        try (ImageIoRegionSource source = ImageIoRegionSource.open(png)) {
            source.read(new Region(40, 0, 9, 1));
            fail("read past the right edge");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("not inside"));
        }
    }

    static Exif cameraExif(int orientation) {
        return Exif.empty(ByteOrder.LITTLE_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity Test Camera Co."))
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MODEL, "CTC-1"))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, orientation))
                .with(Exif.Ifd.EXIF, TiffEntry.ascii(Exif.TAG_DATE_TIME_ORIGINAL, "2024:05:17 14:03:22"))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "S"))
                .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LATITUDE, 33, 1, 52, 1, 1234, 100))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LONGITUDE_REF, "E"))
                .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LONGITUDE, 151, 1, 12, 1, 5678, 100));
    }

    /** 6x4 blocks of 8x8 pixels, each its own well-separated colour, so orientation errors are unmistakable. */
    private static ArgbImage blocks() {
        ArgbImage img = new ArgbImage(COLUMNS * BLOCK, ROWS * BLOCK);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                img.set(x, y, blockColour(x / BLOCK + COLUMNS * (y / BLOCK)));
            }
        }
        return img;
    }

    private static int blockColour(int i) {
        int r = (i % 3) * 110 + 20;
        int g = ((i / 3) % 3) * 110 + 20;
        int b = ((i / 9) % 3) * 110 + 20;
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static void assertBlocks(String what, ArgbImage expected, ArgbImage actual) {
        assertEquals(what, expected.width(), actual.width());
        assertEquals(what, expected.height(), actual.height());
        for (int y = BLOCK / 2; y < expected.height(); y += BLOCK) {
            for (int x = BLOCK / 2; x < expected.width(); x += BLOCK) {
                int e = expected.get(x, y);
                int a = actual.get(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((e >> shift) & 0xFF) - ((a >> shift) & 0xFF));
                    assertTrue(what + " at " + x + "," + y + ": " + Integer.toHexString(e) + " vs "
                            + Integer.toHexString(a), d <= 12);
                }
            }
        }
    }

    /** TIFF 6.0's meaning of each orientation, spelled out with flips and clockwise quarter turns. */
    private static ArgbImage upright(ArgbImage raw, int o) {
        switch (o) {
            case 1: return raw;
            case 2: return mirror(raw);
            case 3: return turn(turn(raw));
            case 4: return mirror(turn(turn(raw)));
            case 5: return mirror(turn(raw));
            case 6: return turn(raw);
            case 7: return mirror(turn(turn(turn(raw))));
            default: return turn(turn(turn(raw)));
        }
    }

    private static ArgbImage mirror(ArgbImage img) {
        ArgbImage out = new ArgbImage(img.width(), img.height());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out.set(img.width() - 1 - x, y, img.get(x, y));
            }
        }
        return out;
    }

    private static ArgbImage turn(ArgbImage img) {
        ArgbImage out = new ArgbImage(img.height(), img.width());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out.set(img.height() - 1 - y, x, img.get(x, y));
            }
        }
        return out;
    }

    private static ArgbImage readInBands(ImageIoRegionSource source, int rows) throws IOException {
        ArgbImage all = new ArgbImage(source.width(), source.height());
        for (int y = 0; y < source.height(); y += rows) {
            int h = Math.min(rows, source.height() - y);
            ArgbImage band = source.read(new Region(0, y, source.width(), h));
            System.arraycopy(band.pixels(), 0, all.pixels(), y * source.width(), band.pixels().length);
        }
        return all;
    }

    private static ArgbImage crop(ArgbImage img, Region r) {
        ArgbImage out = new ArgbImage(r.width(), r.height());
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(img.pixels(), (r.y() + y) * img.width() + r.x(), out.pixels(), y * r.width(), r.width());
        }
        return out;
    }

    private static void write(ImageSink sink, ArgbImage img, boolean alpha) throws IOException {
        sink.start(img.width(), img.height(), alpha);
        sink.writeRows(img);
        sink.finish();
    }

    private static PhotoMetadata read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return PhotoMetadataReader.read(in);
        }
    }
}
