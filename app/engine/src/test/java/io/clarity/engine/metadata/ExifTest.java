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
    public void directoryPointingAtItselfIsRejected() {
        byte[] tiff = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1).toTiffBytes();
        // Point the Exif IFD pointer (first LONG entry with tag 0x8769 in IFD0) back at IFD0.
        int count = ((tiff[8] & 0xFF) << 8) | (tiff[9] & 0xFF);
        for (int i = 0; i < count; i++) {
            int p = 10 + 12 * i;
            if ((tiff[p] & 0xFF) == 0x87 && (tiff[p + 1] & 0xFF) == 0x69) {
                tiff[p + 8] = 0;
                tiff[p + 9] = 0;
                tiff[p + 10] = 0;
                tiff[p + 11] = 8;
            }
        }
        assertMalformed(tiff, "already used");
    }

    @Test
    public void entryCountPastTheEndIsRejected() {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};
        assertMalformed(tiff, "65535 entries");
    }

    @Test
    public void valueOffsetPastTheEndIsRejected() {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
            0x01, 0x0F, 0, 2, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 8, 0, 0, 0, 0};
        assertMalformed(tiff, "runs past");
    }

    @Test
    public void overlappingValuesCannotMultiplyAllocation() {
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
        assertMalformed(tiff, "overlap");
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
