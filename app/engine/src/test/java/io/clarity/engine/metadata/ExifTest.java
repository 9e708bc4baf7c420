package io.clarity.engine.metadata;

import org.junit.Test;

import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class ExifTest {
    @Test
    public void writtenBlockParsesBackToTheSameDirectoriesInBothByteOrders() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            Exif exif = ExifSamples.camera(order, 6);
            Exif parsed = Exif.parse(exif.toTiffBytes());
            assertEquals(order, parsed.byteOrder());
            for (Exif.Ifd ifd : Exif.Ifd.values()) {
                assertEquals(order + " " + ifd, exif.directory(ifd), parsed.directory(ifd));
            }
            assertEquals(6, parsed.orientation());
        }
    }

    @Test
    public void littleEndianRationalsAreSwappedPerHalf() throws Exception {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0,
            1, 0, // one entry
            0x1A, 0x01, 5, 0, 1, 0, 0, 0, 26, 0, 0, 0, // XResolution RATIONAL at 26
            0, 0, 0, 0,
            (byte) 300, 1, 0, 0, 2, 0, 0, 0}; // 300 / 2 little-endian
        TiffEntry x = Exif.parse(tiff).entry(Exif.Ifd.MAIN, 0x011A);
        assertArrayEquals(new byte[] {0, 0, 1, 44, 0, 0, 0, 2}, x.value());
    }

    @Test
    public void outputBlockIsUprightResizedAndWithoutThumbnail() throws Exception {
        Exif input = Exif.parse(ExifSamples.withThumbnailDirectory(ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 8)));
        assertTrue(input.hasThumbnail());
        Exif out = Exif.parse(input.forOutput(12000, 8000, true).toTiffBytes());
        assertFalse(out.hasThumbnail());
        assertEquals(1, out.orientation());
        assertEquals(12000, out.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_X_DIMENSION).unsigned(0));
        assertEquals(8000, out.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_Y_DIMENSION).unsigned(0));
        assertEquals("Clarity Test Camera Co.", out.entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).asText());
        assertEquals("CTC-1", out.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        assertEquals("2024:05:17 14:03:22", out.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL).asText());
        assertEquals(input.directory(Exif.Ifd.GPS), out.directory(Exif.Ifd.GPS));
        assertEquals(input.directory(Exif.Ifd.INTEROP), out.directory(Exif.Ifd.INTEROP));
    }

    @Test
    public void locationIsDroppedWhenNotKept() throws Exception {
        Exif out = Exif.parse(ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1).forOutput(10, 10, false).toTiffBytes());
        assertTrue(out.directory(Exif.Ifd.GPS).isEmpty());
        assertNull(out.entry(Exif.Ifd.MAIN, Exif.TAG_GPS_IFD));
        assertEquals("CTC-1", out.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
    }

    @Test
    public void emptyBlockStillHasAMainDirectory() throws Exception {
        Exif parsed = Exif.parse(Exif.empty(ByteOrder.BIG_ENDIAN).toTiffBytes());
        assertTrue(parsed.directory(Exif.Ifd.MAIN).isEmpty());
        assertEquals(1, parsed.orientation());
    }

    @Test
    public void directoryPointingAtItselfIsDroppedAndReported() throws Exception {
        byte[] tiff = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1).toTiffBytes();
        // Point the Exif IFD pointer (tag 0x8769 in IFD0) back at IFD0.
        setEntryValue(tiff, 8, 0x8769, 4, 8);
        Exif parsed = Exif.parse(tiff);
        assertEquals("CTC-1", parsed.entry(Exif.Ifd.MAIN, Exif.TAG_MODEL).asText());
        assertTrue(parsed.directory(Exif.Ifd.EXIF).isEmpty());
        assertEquals("52", Long.toString(parsed.entry(Exif.Ifd.GPS, Exif.TAG_GPS_LATITUDE).value()[3]));
        assertDropped(parsed, "Exif IFD: offset 8 is already used");
    }

    @Test
    public void wrongTypedPointerLosesOnlyItsDirectory() throws Exception {
        Exif camera = ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1);
        byte[] tiff = camera.toTiffBytes();
        int exifIfd = (int) entryValue(tiff, 8, 0x8769);
        setEntryType(tiff, exifIfd, 0xA005, TiffEntry.RATIONAL); // InteropOffset: a RATIONAL, not a LONG
        Exif parsed = Exif.parse(tiff);
        assertEquals(camera.directory(Exif.Ifd.MAIN), parsed.directory(Exif.Ifd.MAIN));
        assertEquals(camera.directory(Exif.Ifd.EXIF), parsed.directory(Exif.Ifd.EXIF));
        assertEquals(camera.directory(Exif.Ifd.GPS), parsed.directory(Exif.Ifd.GPS));
        assertTrue(parsed.directory(Exif.Ifd.INTEROP).isEmpty());
        assertDropped(parsed, "Interoperability IFD: its pointer (tag 0xa005) is type 5");
    }

    @Test
    public void shortPointerIsFollowed() throws Exception {
        Exif camera = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] tiff = camera.toTiffBytes();
        long exifIfd = entryValue(tiff, 8, 0x8769);
        setEntryType(tiff, 8, 0x8769, TiffEntry.SHORT);
        setEntryValue(tiff, 8, 0x8769, 2, exifIfd);
        Exif parsed = Exif.parse(tiff);
        assertEquals(camera.directory(Exif.Ifd.EXIF), parsed.directory(Exif.Ifd.EXIF));
        assertTrue(parsed.dropped().toString(), parsed.dropped().isEmpty());
    }

    @Test
    public void emptyGpsDirectoryKeepsEverythingElse() throws Exception {
        Exif camera = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] tiff = camera.toTiffBytes();
        int gps = (int) entryValue(tiff, 8, 0x8825);
        byte[] cut = Arrays.copyOf(tiff, gps + 2); // a GPS IFD of 0 entries at the very end, no next pointer
        cut[gps] = 0;
        cut[gps + 1] = 0;
        Exif parsed = Exif.parse(cut);
        assertEquals(camera.directory(Exif.Ifd.MAIN), parsed.directory(Exif.Ifd.MAIN));
        assertEquals(camera.directory(Exif.Ifd.EXIF), parsed.directory(Exif.Ifd.EXIF));
        assertEquals(camera.directory(Exif.Ifd.INTEROP), parsed.directory(Exif.Ifd.INTEROP));
        assertTrue(parsed.directory(Exif.Ifd.GPS).isEmpty());
        assertDropped(parsed, "GPS IFD: has no entries");
    }

    @Test
    public void entryCountPastTheEndKeepsTheEntriesThatFit() throws Exception {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, (byte) 0xFF, (byte) 0xFF,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0};
        Exif parsed = Exif.parse(tiff);
        assertEquals(6, parsed.orientation());
        assertDropped(parsed, "IFD0: claims 65535 entries; the block ends after 1");
    }

    @Test
    public void valueOffsetPastTheEndDropsThatEntry() throws Exception {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 2,
            0x01, 0x0F, 0, 2, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 8,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0};
        Exif parsed = Exif.parse(tiff);
        assertNull(parsed.entry(Exif.Ifd.MAIN, Exif.TAG_MAKE));
        assertEquals(3, parsed.orientation());
        assertDropped(parsed, "IFD0 tag 0x10f: value of");
    }

    @Test
    public void overlappingValuesCannotMultiplyAllocation() throws Exception {
        // 40 entries all pointing at the same 400-byte value: more bytes than the block holds.
        int n = 40;
        byte[] tiff = new byte[8 + 2 + 12 * n + 4 + 400];
        tiff[0] = 'M';
        tiff[1] = 'M';
        tiff[3] = 42;
        tiff[7] = 8;
        tiff[9] = (byte) n;
        int value = 8 + 2 + 12 * n + 4;
        for (int i = 0; i < n; i++) {
            int p = 10 + 12 * i;
            tiff[p + 1] = (byte) (i + 1);
            tiff[p + 3] = 7;
            tiff[p + 6] = 400 >> 8;
            tiff[p + 7] = (byte) 400;
            tiff[p + 10] = (byte) (value >> 8);
            tiff[p + 11] = (byte) value;
        }
        Exif parsed = Exif.parse(tiff);
        int kept = parsed.directory(Exif.Ifd.MAIN).entries().size();
        assertTrue("kept " + kept, kept >= 1 && kept * 400 <= tiff.length);
        assertDropped(parsed, "values overlap");
    }

    @Test
    public void makerNoteKeepsItsOffsetThroughARelayout() throws Exception {
        // A camera-like block: the MakerNote far from where our layout would put it, holding an offset
        // counted from the TIFF header that points inside itself (as Canon's do).
        Exif camera = ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 6);
        byte[] tiff = camera.toTiffBytes();
        int exifIfd = (int) entryValue(tiff, 8, 0x8769);
        int noteAt = 3000;
        byte[] note = new byte[64];
        for (int i = 0; i < note.length; i++) {
            note[i] = (byte) (i * 7);
        }
        putLe32(note, 0, noteAt + 32); // "my data starts at absolute offset noteAt + 32"
        byte[] big = Arrays.copyOf(tiff, noteAt + note.length);
        System.arraycopy(note, 0, big, noteAt, note.length);
        int entry = findEntry(big, exifIfd, Exif.TAG_MAKER_NOTE);
        putLe32(big, entry + 4, note.length);
        putLe32(big, entry + 8, noteAt);
        Exif parsed = Exif.parse(big);
        Exif out = Exif.parse(parsed.forOutput(8000, 6000, true).toTiffBytes());
        byte[] written = parsed.forOutput(8000, 6000, true).toTiffBytes();
        int outEntry = findEntry(written, (int) entryValue(written, 8, 0x8769), Exif.TAG_MAKER_NOTE);
        assertEquals(noteAt, (int) leU32(written, outEntry + 8));
        assertArrayEquals(note, Arrays.copyOfRange(written, noteAt, noteAt + note.length));
        assertArrayEquals(note, out.entry(Exif.Ifd.EXIF, Exif.TAG_MAKER_NOTE).value());
        assertEquals(1, out.orientation());
        assertEquals(camera.directory(Exif.Ifd.GPS), out.directory(Exif.Ifd.GPS));
        assertTrue(out.dropped().toString(), out.dropped().isEmpty());
    }

    @Test
    public void makerNoteThatCannotKeepItsOffsetInOneSegmentIsDroppedWithTheReason() throws Exception {
        Exif camera = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] tiff = camera.toTiffBytes();
        int exifIfd = (int) entryValue(tiff, 8, 0x8769);
        int noteAt = 70_000; // possible in a PNG eXIf, past what a JPEG APP1 holds
        byte[] big = Arrays.copyOf(tiff, noteAt + 100);
        int entry = findEntry(big, exifIfd, Exif.TAG_MAKER_NOTE);
        setBe32(big, entry + 4, 100);
        setBe32(big, entry + 8, noteAt);
        Exif out = Exif.parse(big).forOutput(100, 100, true);
        assertNull(out.entry(Exif.Ifd.EXIF, Exif.TAG_MAKER_NOTE));
        assertTrue(out.toTiffBytes().length < 4096);
        assertDropped(out, "MakerNote of 100 bytes at offset 70000");
    }

    private static void assertDropped(Exif exif, String part) {
        assertTrue(exif.dropped().toString(), exif.dropped().toString().contains(part));
    }

    private static boolean little(byte[] tiff) {
        return tiff[0] == 'I';
    }

    private static int u16(byte[] b, int at) {
        return little(b) ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int findEntry(byte[] tiff, int ifd, int tag) {
        int count = u16(tiff, ifd);
        for (int i = 0; i < count; i++) {
            int p = ifd + 2 + 12 * i;
            if (u16(tiff, p) == tag) {
                return p;
            }
        }
        throw new AssertionError("no tag 0x" + Integer.toHexString(tag) + " at " + ifd);
    }

    private static long entryValue(byte[] tiff, int ifd, int tag) {
        int p = findEntry(tiff, ifd, tag) + 8;
        return little(tiff) ? leU32(tiff, p) : ((long) u16(tiff, p) << 16) | u16(tiff, p + 2);
    }

    private static void setEntryType(byte[] tiff, int ifd, int tag, int type) {
        int p = findEntry(tiff, ifd, tag) + 2;
        put(tiff, p, type, 2);
    }

    private static void setEntryValue(byte[] tiff, int ifd, int tag, int size, long value) {
        int p = findEntry(tiff, ifd, tag) + 8;
        for (int i = 0; i < 4; i++) {
            tiff[p + i] = 0;
        }
        put(tiff, p, value, size);
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + (little(b) ? i : n - 1 - i)] = (byte) (v >> (8 * i));
        }
    }

    private static void putLe32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }

    private static void setBe32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + 3 - i] = (byte) (v >> (8 * i));
        }
    }

    private static long leU32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    @Test
    public void headerErrorsNameTheProblem() {
        assertMalformed(new byte[] {'I', 'I'}, "shorter than a TIFF header");
        assertMalformed(new byte[] {'X', 'X', 42, 0, 8, 0, 0, 0}, "byte-order mark");
        assertMalformed(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0}, "magic");
        assertMalformed(new byte[] {'I', 'I', 42, 0, 100, 0, 0, 0}, "outside");
    }

    private static void assertMalformed(byte[] tiff, String messagePart) {
        try {
            Exif.parse(tiff);
            fail("accepted " + Arrays.toString(Arrays.copyOf(tiff, Math.min(tiff.length, 16))));
        } catch (MalformedImageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
