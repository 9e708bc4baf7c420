package io.clarity.engine.metadata;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** HEIF files laid out as phone cameras write them (ftyp, meta, then mdat holding the EXIF and XMP items). */
public class HeifReaderTest {
    private static final byte[] ICC = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)
            .getData();

    @Test
    public void heifExifKeepsDateCameraAndLocationThroughAJpegOutput() throws IOException {
        Exif camera = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] heif = heif(camera.toTiffBytes(), XmpTest.CAMERA.getBytes(StandardCharsets.UTF_8), false);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(heif));
        assertTrue(read.dropped().toString(), read.dropped().isEmpty());
        assertArrayEquals(ICC, read.iccProfile());
        assertEquals("4", read.xmp().value("http://ns.adobe.com/xap/1.0/", "Rating"));
        PhotoMetadata out = PhotoMetadataReader.read(new ByteArrayInputStream(
                CarryOverTest.jpeg(read.forOutput(32, 24, true), 32, 24)));
        Exif exif = out.exif();
        assertEquals("2024:05:17 14:03:22", exif.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
        assertEquals("Clarity Test Camera Co.", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
        assertEquals("CTC-1", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        assertEquals(camera.directory(Exif.Ifd.GPS), exif.directory(Exif.Ifd.GPS));
    }

    /**
     * libheif.heic and libheif.avif: written by libheif's heif-enc (Debian libheif-examples 1.15) from a JPEG our
     * writer made with the sample camera EXIF, XMP (XmpTest.CAMERA) and Java's sRGB profile.
     */
    @Test
    public void heifAndAvifWrittenByLibheifAreRead() throws IOException {
        for (String name : new String[] {"libheif.heic", "libheif.avif"}) {
            PhotoMetadata read;
            try (java.io.InputStream in = getClass().getResourceAsStream(name)) {
                read = PhotoMetadataReader.read(in);
            }
            assertTrue(name + ": " + read.dropped(), read.dropped().isEmpty());
            Exif exif = read.exif();
            assertEquals(name, "2024:05:17 14:03:22", exif.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
            assertEquals(name, "Clarity Test Camera Co.", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
            assertEquals(name, "CTC-1", exif.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
            assertEquals(name, ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1).directory(Exif.Ifd.GPS),
                    exif.directory(Exif.Ifd.GPS));
            assertArrayEquals(name, ICC, read.iccProfile());
            assertEquals(name, "4", read.xmp().value("http://ns.adobe.com/xap/1.0/", "Rating"));
        }
    }

    @Test
    public void ilocBeforeIinfAndXmpBeforeExifAreReadToo() throws IOException {
        Exif camera = ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1);
        byte[] heif = heif(camera.toTiffBytes(), XmpTest.CAMERA.getBytes(StandardCharsets.UTF_8), true);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(heif));
        assertEquals(camera.directory(Exif.Ifd.GPS), read.exif().directory(Exif.Ifd.GPS));
        assertEquals("6", read.xmp().value(Xmp.NS_TIFF, "Orientation"));
    }

    @Test
    public void damagedExifItemIsDroppedAloneAndReported() throws IOException {
        byte[] heif = heif(new byte[] {'X', 'X', 0, 42, 0, 0, 0, 8}, XmpTest.CAMERA.getBytes(StandardCharsets.UTF_8),
                false);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(heif));
        assertNull(read.exif());
        assertArrayEquals(ICC, read.iccProfile());
        assertTrue(read.droppedSummary(), read.droppedSummary().contains("EXIF block: "));
    }

    @Test
    public void notHeifIsRejected() throws IOException {
        byte[] mp4 = box("ftyp", concat("isom".getBytes(StandardCharsets.US_ASCII), new byte[8]));
        try {
            PhotoMetadataReader.read(new ByteArrayInputStream(mp4));
            fail("accepted an MP4");
        } catch (MalformedImageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no HEIF or AVIF brand"));
        }
    }

    /** ftyp, meta (hdlr, pitm, iinf, iprp with an ICC colr, iloc), mdat with the EXIF item and the XMP item. */
    static byte[] heif(byte[] tiff, byte[] xmp, boolean shuffled) throws IOException {
        byte[] exifItem = concat(new byte[] {0, 0, 0, 6, 'E', 'x', 'i', 'f', 0, 0}, tiff);
        byte[] ftyp = box("ftyp", ascii("heic\0\0\0\0mif1heic"));
        byte[] hdlr = box("hdlr", concat(new byte[8], concat(ascii("pict"), new byte[13])));
        byte[] pitm = box("pitm", new byte[] {0, 0, 0, 0, 0, 1});
        byte[] iinf = box("iinf", concat(new byte[] {0, 0, 0, 0, 0, 3}, concat(infe(1, "hvc1", ""),
                concat(infe(2, "Exif", ""), infe(3, "mime", "application/rdf+xml")))));
        byte[] iprp = box("iprp", box("ipco", box("colr", concat(ascii("prof"), ICC))));
        int ilocSize = box("iloc", iloc(0, 0, 0, 0)).length;
        byte[] meta0 = box("meta", concat(new byte[4], concat(hdlr, concat(pitm, concat(iinf, concat(iprp,
                new byte[ilocSize]))))));
        long mdatBody = ftyp.length + meta0.length + 8;
        byte[] first = shuffled ? xmp : exifItem;
        byte[] second = shuffled ? exifItem : xmp;
        long exifAt = shuffled ? mdatBody + xmp.length : mdatBody;
        long xmpAt = shuffled ? mdatBody : mdatBody + exifItem.length;
        byte[] iloc = box("iloc", iloc(exifAt, exifItem.length, xmpAt, xmp.length));
        byte[] children = shuffled ? concat(iloc, concat(hdlr, concat(pitm, concat(iinf, iprp))))
                : concat(hdlr, concat(pitm, concat(iinf, concat(iprp, iloc))));
        byte[] meta = box("meta", concat(new byte[4], children));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(ftyp);
        file.write(meta);
        file.write(box("mdat", concat(first, second)));
        return file.toByteArray();
    }

    private static byte[] infe(int id, String type, String contentType) {
        byte[] body = concat(new byte[] {2, 0, 0, 0, 0, (byte) id, 0, 0}, concat(ascii(type), new byte[1]));
        if (!contentType.isEmpty()) {
            body = concat(body, concat(ascii(contentType), new byte[1]));
        }
        return box("infe", body);
    }

    /** iloc version 1, 4-byte offsets and lengths, items 2 (EXIF) and 3 (XMP) with one extent each. */
    private static byte[] iloc(long exifAt, long exifLength, long xmpAt, long xmpLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        b.write(0);
        b.write(0);
        b.write(0);
        b.write(0x44);
        b.write(0x00);
        be(b, 2, 2);
        long[][] items = {{2, exifAt, exifLength}, {3, xmpAt, xmpLength}};
        for (long[] item : items) {
            be(b, item[0], 2);
            be(b, 0, 2); // construction method 0: file offsets
            be(b, 0, 2);
            be(b, 1, 2);
            be(b, item[1], 4);
            be(b, item[2], 4);
        }
        return b.toByteArray();
    }

    static byte[] box(String type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        be(b, body.length + 8, 4);
        b.write(ascii(type), 0, 4);
        b.write(body, 0, body.length);
        return b.toByteArray();
    }

    private static void be(ByteArrayOutputStream b, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b.write((int) (v >> (8 * i)));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return CarryOverTest.concat(a, b);
    }
}
