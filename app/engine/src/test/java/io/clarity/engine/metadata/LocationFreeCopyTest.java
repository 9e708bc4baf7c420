package io.clarity.engine.metadata;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/** Location (EXIF GPS, XMP exif:GPS*) left out of outputs and of shared copies; everything else kept. */
public class LocationFreeCopyTest {
    private static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\">"
            + "<rdf:Description rdf:about=\"\" xmlns:exif=\"" + Xmp.NS_EXIF + "\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
            + " exif:GPSLatitude=\"52,31.2N\" xmp:CreatorTool=\"Clarity test\">"
            + "<exif:GPSLongitude>13,24.5E</exif:GPSLongitude></rdf:Description></rdf:RDF></x:xmpmeta>";

    private static PhotoMetadata located() throws MalformedImageException {
        return new PhotoMetadata(ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1), new byte[200]).withXmp(Xmp.parse(XMP));
    }

    @Test
    public void outputWithoutLocationHasNoGpsInExifOrXmp() throws IOException {
        PhotoMetadata kept = located().forOutput(32, 32, true);
        PhotoMetadata removed = located().forOutput(32, 32, false);
        assertTrue(kept.hasLocation());
        assertTrue(kept.xmp().has(Xmp.NS_EXIF, "GPSLatitude"));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(CarryOverTest.jpeg(removed, 32, 32)));
        assertFalse(read.hasLocation());
        assertTrue(read.exif().directory(Exif.Ifd.GPS).isEmpty());
        assertFalse(read.xmp().has(Xmp.NS_EXIF, "GPSLongitude"));
        assertEquals("Clarity test", read.xmp().value("http://ns.adobe.com/xap/1.0/", "CreatorTool"));
    }

    @Test
    public void jpegCopyDropsLocationAndKeepsEveryOtherByteOfTheImage() throws IOException {
        byte[] original = CarryOverTest.jpeg(located().forOutput(48, 32, true), 48, 32);
        assertTrue(PhotoMetadataReader.read(new ByteArrayInputStream(original)).hasLocation());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertTrue(LocationFreeCopy.copy(new ByteArrayInputStream(original), copy));
        byte[] shared = copy.toByteArray();
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(shared));
        assertFalse(read.hasLocation());
        PhotoMetadata before = PhotoMetadataReader.read(new ByteArrayInputStream(original));
        assertEquals(before.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).toString(),
                read.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).toString());
        assertArrayEquals(before.iccProfile(), read.iccProfile());
        assertArrayEquals("the scan is copied byte for byte", afterScanStart(original), afterScanStart(shared));
    }

    @Test
    public void pngCopyDropsLocation() throws IOException {
        byte[] original = CarryOverTest.png(located().forOutput(20, 10, true), 20, 10);
        assertTrue(PhotoMetadataReader.read(new ByteArrayInputStream(original)).hasLocation());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertTrue(LocationFreeCopy.copy(new ByteArrayInputStream(original), copy));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(copy.toByteArray()));
        assertFalse(read.hasLocation());
        assertNotNull(read.exif());
        assertEquals("Clarity test", read.xmp().value("http://ns.adobe.com/xap/1.0/", "CreatorTool"));
    }

    @Test
    public void aPhotoWithoutLocationIsCopiedUnchanged() throws IOException {
        byte[] original = CarryOverTest.jpeg(located().forOutput(16, 16, false), 16, 16);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertFalse(LocationFreeCopy.copy(new ByteArrayInputStream(original), copy));
        assertArrayEquals(original, copy.toByteArray());
    }

    @Test(expected = MalformedImageException.class)
    public void somethingElseIsRefused() throws IOException {
        LocationFreeCopy.copy(new ByteArrayInputStream("GIF89a....".getBytes()), new ByteArrayOutputStream());
    }

    private static byte[] afterScanStart(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return Arrays.copyOfRange(jpeg, i, jpeg.length);
            }
        }
        throw new AssertionError("no scan");
    }
}
