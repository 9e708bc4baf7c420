package io.clarity.engine.metadata;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ByteArrayOutputTarget;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Metadata read from an input, adapted for the output and written by our writers, read back. */
public class CarryOverTest {
    private static final byte[] ICC = new byte[3000];

    static {
        for (int i = 0; i < ICC.length; i++) {
            ICC[i] = (byte) (i * 31);
        }
    }

    @Test
    public void damagedExifBlockKeepsItsSoundFieldsAndTheIccProfile() throws IOException {
        Exif camera = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] jpeg = jpeg(new PhotoMetadata(camera, ICC), 16, 16);
        // GPS IFD pointer turned into an ASCII string: the one bad field of a real camera file.
        int app1 = indexOf(jpeg, "Exif\0\0".getBytes(StandardCharsets.US_ASCII)) + 6;
        int count = ((jpeg[app1 + 8] & 0xFF) << 8) | (jpeg[app1 + 9] & 0xFF);
        for (int i = 0; i < count; i++) {
            int p = app1 + 10 + 12 * i;
            if ((jpeg[p] & 0xFF) == 0x88 && (jpeg[p + 1] & 0xFF) == 0x25) {
                jpeg[p + 3] = TiffEntry.ASCII;
            }
        }
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertArrayEquals(ICC, read.iccProfile());
        assertEquals("CTC-1", read.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        assertEquals("2024:05:17 14:03:22", read.exif().entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
        assertTrue(read.exif().directory(Exif.Ifd.GPS).isEmpty());
        assertTrue(read.droppedSummary(), read.droppedSummary().startsWith("GPS IFD: its pointer (tag 0x8825)"));
        // The report survives into the output's metadata, which is what the CLI and the app print.
        assertEquals(read.droppedSummary(), read.forOutput(32, 32, true).droppedSummary());
    }

    @Test
    public void exifBlockWithABadHeaderIsDroppedAloneAndReported() throws IOException {
        byte[] jpeg = jpeg(new PhotoMetadata(null, ICC), 16, 16);
        jpeg = withSegment(jpeg, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'X', 'X', 0, 42, 0, 0, 0, 8}));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertNull(read.exif());
        assertArrayEquals(ICC, read.iccProfile());
        assertTrue(read.droppedSummary(), read.droppedSummary().contains("byte-order mark"));
    }

    @Test
    public void unknownAppSegmentsAreCopiedAsTheyAreAndGeometryOnesAreNot() throws IOException {
        byte[] pictureInfo = "[picture info]\nTimeDate=1189000000\nShutter=10\n".getBytes(StandardCharsets.US_ASCII);
        byte[] iptc = concat("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII), new byte[] {'8', 'B', 'I', 'M'});
        byte[] jpeg = jpeg(new PhotoMetadata(ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1), null), 16, 16);
        jpeg = withSegment(jpeg, 0xEC, pictureInfo);
        jpeg = withSegment(jpeg, 0xED, iptc);
        jpeg = withSegment(jpeg, 0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}); // transform 0
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertEquals(2, read.appSegments().size());
        byte[] out = jpeg(read.forOutput(32, 32, true), 32, 32);
        List<AppSegment> again = PhotoMetadataReader.read(new ByteArrayInputStream(out)).appSegments();
        assertEquals(2, again.size());
        assertEquals(0xED, again.get(0).marker());
        assertArrayEquals(iptc, again.get(0).payload());
        assertEquals(0xEC, again.get(1).marker());
        assertArrayEquals(pictureInfo, again.get(1).payload());
        assertEquals(-1, indexOf(out, new byte[] {'A', 'd', 'o', 'b', 'e', 0}));
    }

    @Test
    public void xmpSurvivesJpegToJpegWithPixelFieldsMadeTrue() throws IOException {
        byte[] in = jpeg(new PhotoMetadata(ExifSamples.camera(ByteOrder.BIG_ENDIAN, 6), null)
                .withXmp(Xmp.parse(XmpTest.CAMERA)), 16, 16);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(in));
        Xmp out = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg(read.forOutput(64, 128, true), 64, 128)))
                .xmp();
        assertXmpForOutput(out, 64, 128);
    }

    @Test
    public void xmpSurvivesPngToPng() throws IOException {
        byte[] in = png(PhotoMetadata.NONE.withXmp(Xmp.parse(XmpTest.CAMERA)), 16, 16);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(in));
        assertEquals(XmpTest.CAMERA, read.xmp().text());
        Xmp out = PhotoMetadataReader.read(new ByteArrayInputStream(png(read.forOutput(32, 48, true), 32, 48))).xmp();
        assertEquals("32", out.value(Xmp.NS_TIFF, "ImageWidth"));
        assertEquals("1", out.value(Xmp.NS_TIFF, "Orientation"));
        assertEquals("4", out.value("http://ns.adobe.com/xap/1.0/", "Rating"));
    }

    @Test
    public void xmpSurvivesJpegToPng() throws IOException {
        byte[] in = jpeg(new PhotoMetadata(ExifSamples.camera(ByteOrder.BIG_ENDIAN, 6), null)
                .withXmp(Xmp.parse(XmpTest.CAMERA)), 16, 16);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(in));
        Xmp out = PhotoMetadataReader.read(new ByteArrayInputStream(png(read.forOutput(64, 128, true), 64, 128)))
                .xmp();
        assertXmpForOutput(out, 64, 128);
    }

    @Test
    public void xmpBiggerThanOneSegmentGoesThroughExtendedXmpAndBack() throws IOException {
        StringBuilder faces = new StringBuilder();
        for (int i = 0; faces.length() < 150_000; i++) {
            faces.append("<rdf:li>face region ").append(i).append("</rdf:li>");
        }
        String big = XmpTest.CAMERA.replace("</rdf:Description>", "<p:Regions xmlns:p=\"urn:test\"><rdf:Bag>"
                + faces + "</rdf:Bag></p:Regions></rdf:Description>");
        PhotoMetadata carried = PhotoMetadata.NONE.withXmp(Xmp.parse(big));
        byte[] jpeg = jpeg(carried, 16, 16);
        assertTrue(indexOf(jpeg, "http://ns.adobe.com/xmp/extension/".getBytes(StandardCharsets.US_ASCII)) > 0);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertTrue(read.dropped().toString(), read.dropped().isEmpty());
        assertTrue(read.xmp().text().contains("face region 1000<"));
        assertEquals("4", read.xmp().value("http://ns.adobe.com/xap/1.0/", "Rating"));
        Xmp viaPng = PhotoMetadataReader.read(new ByteArrayInputStream(png(read, 16, 16))).xmp();
        assertTrue(viaPng.text().contains("face region 1000<"));
    }

    @Test
    public void unreadableXmpIsDroppedAloneAndReported() throws IOException {
        byte[] jpeg = jpeg(new PhotoMetadata(ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1), null), 16, 16);
        jpeg = withSegment(jpeg, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF>".getBytes(StandardCharsets.US_ASCII)));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertNull(read.xmp());
        assertEquals("CTC-1", read.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        assertTrue(read.droppedSummary(), read.droppedSummary().startsWith("XMP packet: "));
    }

    private static void assertXmpForOutput(Xmp out, int width, int height) {
        assertEquals(Integer.toString(width), out.value(Xmp.NS_TIFF, "ImageWidth"));
        assertEquals(Integer.toString(height), out.value(Xmp.NS_TIFF, "ImageLength"));
        assertEquals(Integer.toString(width), out.value(Xmp.NS_EXIF, "PixelXDimension"));
        assertEquals(Integer.toString(height), out.value(Xmp.NS_EXIF, "PixelYDimension"));
        assertEquals("1", out.value(Xmp.NS_TIFF, "Orientation"));
        assertEquals("4", out.value("http://ns.adobe.com/xap/1.0/", "Rating"));
        assertEquals("Sunset & sea", out.value(Xmp.NS_RDF, "li"));
        assertNull(out.value(Xmp.NS_CRS, "CropTop")); // orientation 6: the stored-frame crop no longer applies
    }

    static byte[] jpeg(PhotoMetadata metadata, int width, int height) throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        return encode(new StreamingJpegWriter(target, 90, StreamingJpegWriter.Subsampling.YUV420, metadata), target,
                width, height);
    }

    static byte[] png(PhotoMetadata metadata, int width, int height) throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        return encode(new StreamingPngWriter(target, metadata), target, width, height);
    }

    private static byte[] encode(ImageSink writer, ByteArrayOutputTarget target, int width, int height)
            throws IOException {
        writer.start(width, height, false);
        ArgbImage rows = new ArgbImage(width, height);
        int[] px = rows.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | (i * 2654435761L > 0 ? (int) (i * 40503L) : 0) & 0xFFFFFF;
        }
        writer.writeRows(rows);
        writer.finish();
        return target.committed();
    }

    /** The JPEG with one more segment right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static int indexOf(byte[] data, byte[] part) {
        return indexOf(data, part, 0);
    }

    public static int indexOf(byte[] data, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
