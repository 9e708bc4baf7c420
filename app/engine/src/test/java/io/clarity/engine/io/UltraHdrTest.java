package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.metadata.BaselineJpegDecoder;
import io.clarity.engine.metadata.CarryOverTest;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.GainMap;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;
import io.clarity.engine.metadata.Xmp;
import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * An Ultra HDR JPEG assembled here as a camera writes one (primary with hdrgm XMP and a little-endian MPF
 * index, then the gain map JPEG with its hdrgm parameters), enlarged, and read back.
 */
public class UltraHdrTest {
    static final String GAIN_MAP_XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\""
            + Xmp.NS_RDF + "\"><rdf:Description rdf:about=\"\" xmlns:hdrgm=\"" + Xmp.NS_HDRGM + "\""
            + " hdrgm:Version=\"1.0\" hdrgm:GainMapMin=\"0\" hdrgm:GainMapMax=\"2.3\" hdrgm:Gamma=\"1\""
            + " hdrgm:OffsetSDR=\"0.015625\" hdrgm:OffsetHDR=\"0.015625\" hdrgm:HDRCapacityMin=\"0\""
            + " hdrgm:HDRCapacityMax=\"2.3\" hdrgm:BaseRenditionIsHDR=\"False\"/></rdf:RDF></x:xmpmeta>";
    private static final String[] PARAMETERS = {"GainMapMin", "GainMapMax", "Gamma", "OffsetSDR", "OffsetHDR",
        "HDRCapacityMin", "HDRCapacityMax", "BaseRenditionIsHDR"};

    @Test
    public void ultraHdrInputComesOutUltraHdrWithTheGainMapScaledLikeThePrimary() throws IOException {
        byte[] input = ultraHdr(64, 48, 16, 12, 1);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(input));
        assertNotNull(read.dropped().toString(), read.gainMap());
        byte[] output = write(read.forOutput(128, 96, true), 128, 96);
        assertUltraHdr(output, 32, 24);
    }

    @Test
    public void gainMapTurnsWithAQuarterTurnedPrimary() throws IOException {
        byte[] input = ultraHdr(64, 48, 16, 12, 6); // stored landscape, shown portrait
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(input));
        byte[] output = write(read.forOutput(96, 128, true), 96, 128);
        assertUltraHdr(output, 24, 32);
    }

    @Test
    public void gainMapCanBeTurnedOff() throws IOException {
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(ultraHdr(64, 48, 16, 12, 1)));
        byte[] output = write(read.forOutput(128, 96, true).withGainMap(null), 128, 96);
        PhotoMetadata again = PhotoMetadataReader.read(new ByteArrayInputStream(output));
        assertNull(again.gainMap());
        assertNull(again.xmp().value(Xmp.NS_HDRGM, "Version"));
        assertEquals(-1, CarryOverTest.indexOf(output, new byte[] {'M', 'P', 'F', 0}));
    }

    @Test
    public void pngOutputSaysItIsSdr() throws IOException {
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(ultraHdr(64, 48, 16, 12, 1)));
        PhotoMetadata png = read.forOutput(128, 96, true).forPng();
        assertNull(png.gainMap());
        assertTrue(png.droppedSummary(), png.droppedSummary().startsWith("Ultra HDR gain map: a PNG has no place"));
    }

    @Test
    public void gainMapThatDoesNotDecodeIsDroppedWithTheReason() throws IOException {
        byte[] input = ultraHdr(64, 48, 16, 12, 1);
        int gain = CarryOverTest.indexOf(input, new byte[] {(byte) 0xFF, (byte) 0xD8}, 10);
        int sof = CarryOverTest.indexOf(input, new byte[] {(byte) 0xFF, (byte) 0xC0}, gain);
        input[sof + 1] = (byte) 0xC2; // progressive
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(input));
        assertNull(read.gainMap());
        assertTrue(read.droppedSummary(), read.droppedSummary().contains("Ultra HDR gain map: JPEG gain map: SOF 0xc2"));
    }

    private static void assertUltraHdr(byte[] output, int gainWidth, int gainHeight) throws IOException {
        PhotoMetadata out = PhotoMetadataReader.read(new ByteArrayInputStream(output));
        assertTrue(out.dropped().toString(), out.dropped().isEmpty());
        GainMap gainMap = out.gainMap();
        assertNotNull(gainMap);
        // MPF: the primary's size is where the gain map starts, and the two fill the file.
        int mpf = CarryOverTest.indexOf(output, new byte[] {'M', 'P', 'F', 0}, 0) + 4;
        long primarySize = be32(output, mpf + 50 + 4);
        long gainSize = be32(output, mpf + 50 + 16 + 4);
        long gainOffset = be32(output, mpf + 50 + 16 + 8);
        assertEquals(output.length, primarySize + gainSize);
        assertEquals(primarySize, mpf + gainOffset);
        assertEquals(0xFF, output[(int) primarySize] & 0xFF);
        assertEquals(0xD8, output[(int) primarySize + 1] & 0xFF);
        assertEquals(0xD9, output[(int) primarySize - 1] & 0xFF);
        // The primary's XMP describes the container it is in.
        Xmp primary = out.xmp();
        assertEquals("1.0", primary.value(Xmp.NS_HDRGM, "Version"));
        assertEquals(Long.toString(gainSize), primary.value(Xmp.NS_ITEM, "Length"));
        assertEquals(primary.text(), 1, primary.text().split("xmlns:hdrgm=", -1).length - 1);
        assertEquals(primary.text(), 1, primary.text().split("<Container:Directory>", -1).length - 1);
        // The gain map: the output's proportions, its hdrgm parameters unchanged, and still smooth.
        BaselineJpegDecoder.Decoded decoded = BaselineJpegDecoder.decode(gainMap.jpeg(), 1 << 20);
        assertEquals(1, decoded.components);
        assertEquals(gainWidth, decoded.image.width());
        assertEquals(gainHeight, decoded.image.height());
        Xmp expected = Xmp.parse(GAIN_MAP_XMP);
        for (String p : PARAMETERS) {
            assertEquals(p, expected.value(Xmp.NS_HDRGM, p), gainMap.xmp().value(Xmp.NS_HDRGM, p));
        }
        int[] px = decoded.image.pixels();
        // Input gain map: a left-to-right ramp 0..240 in stored columns; check the upright corner values.
        int topLeft = px[0] & 0xFF;
        int bottomRight = px[px.length - 1] & 0xFF;
        assertTrue("gain map ends " + topLeft + " and " + bottomRight, Math.abs(topLeft - bottomRight) > 150);
    }

    /** Primary {@code w} x {@code h} (stored), gain map {@code gw} x {@code gh} (stored), assembled by hand. */
    static byte[] ultraHdr(int w, int h, int gw, int gh, int orientation) throws IOException {
        return ultraHdr(w, h, gw, gh, Exif.empty(ByteOrder.LITTLE_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity Test Phone"))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, orientation)));
    }

    public static byte[] ultraHdr(int w, int h, int gw, int gh, Exif exif) throws IOException {
        ArgbImage ramp = new ArgbImage(gw, gh);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                ramp.pixels()[y * gw + x] = 0xFF000000 | (x * 240 / (gw - 1)) * 0x010101;
            }
        }
        byte[] gain = encode(new ByteArrayOutputTarget(), StreamingJpegWriter.Subsampling.GRAY,
                PhotoMetadata.NONE.withXmp(Xmp.parse(GAIN_MAP_XMP)), ramp);
        String primaryXmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\">"
                + "<rdf:Description rdf:about=\"\" xmlns:hdrgm=\"" + Xmp.NS_HDRGM + "\" xmlns:Container=\""
                + Xmp.NS_CONTAINER + "\" xmlns:Item=\"" + Xmp.NS_ITEM + "\" hdrgm:Version=\"1.0\">"
                + "<Container:Directory><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><Container:Item"
                + " Item:Semantic=\"Primary\" Item:Mime=\"image/jpeg\"/></rdf:li><rdf:li rdf:parseType=\"Resource\">"
                + "<Container:Item Item:Semantic=\"GainMap\" Item:Mime=\"image/jpeg\" Item:Length=\"" + gain.length
                + "\"/></rdf:li></rdf:Seq></Container:Directory></rdf:Description></rdf:RDF></x:xmpmeta>";
        byte[] primary = encode(new ByteArrayOutputTarget(), StreamingJpegWriter.Subsampling.YUV420,
                new PhotoMetadata(exif, null).withXmp(Xmp.parse(primaryXmp)), new ArgbImage(w, h));
        int mpfLength = mpfLittleEndian(0, 0, 0).length;
        long primarySize = primary.length + 4 + mpfLength;
        long tiffAt = 2 + 4 + 4; // SOI, APP2 marker and length, "MPF\0"
        byte[] withMpf = CarryOverTest.withSegment(primary, 0xE2, mpfLittleEndian(primarySize, gain.length,
                primarySize - tiffAt));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(withMpf);
        file.write(gain);
        return file.toByteArray();
    }

    /** "MPF\0", a little-endian TIFF header and the three-entry MP Index IFD with two MP entries. */
    private static byte[] mpfLittleEndian(long primarySize, long gainSize, long gainOffset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('M');
        b.write('P');
        b.write('F');
        b.write(0);
        le(b, 0x002A4949L, 4); // "II", 42
        le(b, 8, 4);
        le(b, 3, 2);
        le(b, 0xB000, 2);
        le(b, 7, 2);
        le(b, 4, 4);
        b.write('0');
        b.write('1');
        b.write('0');
        b.write('0');
        le(b, 0xB001, 2);
        le(b, 4, 2);
        le(b, 1, 4);
        le(b, 2, 4);
        le(b, 0xB002, 2);
        le(b, 7, 2);
        le(b, 32, 4);
        le(b, 8 + 2 + 36 + 4, 4);
        le(b, 0, 4); // no next IFD
        le(b, 0x030000, 4);
        le(b, primarySize, 4);
        le(b, 0, 4);
        le(b, 0, 4);
        le(b, 0, 4);
        le(b, gainSize, 4);
        le(b, gainOffset, 4);
        le(b, 0, 4);
        return b.toByteArray();
    }

    private static void le(ByteArrayOutputStream b, long v, int n) {
        for (int i = 0; i < n; i++) {
            b.write((int) (v >> (8 * i)));
        }
    }

    private static byte[] write(PhotoMetadata metadata, int w, int h) throws IOException {
        ArgbImage image = new ArgbImage(w, h);
        return encode(new ByteArrayOutputTarget(), StreamingJpegWriter.Subsampling.YUV420, metadata, image);
    }

    private static byte[] encode(ByteArrayOutputTarget target, StreamingJpegWriter.Subsampling s,
            PhotoMetadata metadata, ArgbImage image) throws IOException {
        StreamingJpegWriter writer = new StreamingJpegWriter(target, 90, s, metadata);
        writer.start(image.width(), image.height(), false);
        writer.writeRows(image);
        writer.finish();
        return target.committed();
    }

    private static long be32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }
}
