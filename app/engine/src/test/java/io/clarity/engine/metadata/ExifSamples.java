package io.clarity.engine.metadata;

import java.nio.ByteOrder;

/** Camera-like EXIF blocks built with our own writer, since the shared photos carry no GPS. */
final class ExifSamples {
    private ExifSamples() {
    }

    static Exif camera(ByteOrder order, int orientation) {
        return Exif.empty(order)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity Test Camera Co."))
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MODEL, "CTC-1"))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, orientation))
                .with(Exif.Ifd.MAIN, TiffEntry.rationals(0x011A, 72, 1))
                .with(Exif.Ifd.EXIF, TiffEntry.ascii(Exif.TAG_DATE_TIME_ORIGINAL, "2024:05:17 14:03:22"))
                .with(Exif.Ifd.EXIF, TiffEntry.rationals(0x829A, 1, 250))
                .with(Exif.Ifd.EXIF, TiffEntry.longValue(Exif.TAG_PIXEL_X_DIMENSION, 4000))
                .with(Exif.Ifd.EXIF, TiffEntry.longValue(Exif.TAG_PIXEL_Y_DIMENSION, 3000))
                .with(Exif.Ifd.EXIF, TiffEntry.undefined(Exif.TAG_MAKER_NOTE, new byte[] {1, 2, 3, 4, 5, 6, 7}))
                .with(Exif.Ifd.INTEROP, TiffEntry.ascii(0x0001, "R98"))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "N"))
                .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LATITUDE, 52, 1, 31, 1, 1234, 100))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LONGITUDE_REF, "E"))
                .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LONGITUDE, 13, 1, 24, 1, 5678, 100));
    }

    /** TIFF bytes of {@code exif} with a one-entry IFD1 (thumbnail directory) chained after IFD0. */
    static byte[] withThumbnailDirectory(Exif exif) {
        byte[] tiff = exif.toTiffBytes();
        boolean little = tiff[0] == 'I';
        int ifd0 = 8;
        int count = u16(tiff, ifd0, little);
        int nextPointer = ifd0 + 2 + 12 * count;
        byte[] out = java.util.Arrays.copyOf(tiff, tiff.length + 18);
        put(out, nextPointer, tiff.length, 4, little);
        int at = tiff.length;
        put(out, at, 1, 2, little);
        put(out, at + 2, 0x0103, 2, little); // Compression
        put(out, at + 4, 3, 2, little);
        put(out, at + 6, 1, 4, little);
        put(out, at + 10, 6, 2, little);
        return out;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static void put(byte[] b, int at, long v, int n, boolean little) {
        for (int i = 0; i < n; i++) {
            b[at + (little ? i : n - 1 - i)] = (byte) (v >> (8 * i));
        }
    }
}
