package io.clarity.engine.metadata;

import java.nio.ByteOrder;

/**
 * The Multi-Picture Format index (CIPA DC-007) of a JPEG's APP2 "MPF" segment: a TIFF-structured directory
 * whose MPEntry table gives each image's size and offset, counted from the index's own TIFF header. Ultra HDR
 * uses it to find the gain map after the primary image.
 */
public final class MpfIndex {
    static final byte[] HEADER = {'M', 'P', 'F', 0};
    private static final int TAG_VERSION = 0xB000;
    private static final int TAG_NUMBER_OF_IMAGES = 0xB001;
    private static final int TAG_MP_ENTRY = 0xB002;
    /** MP entry attribute of a baseline primary image; the gain map's is 0 (undefined type), as libultrahdr writes. */
    private static final long PRIMARY = 0x030000L;

    private final long secondaryPosition;
    private final long secondaryOffset;
    private final long secondarySize;

    private MpfIndex(long secondaryPosition, long secondaryOffset, long secondarySize) {
        this.secondaryPosition = secondaryPosition;
        this.secondaryOffset = secondaryOffset;
        this.secondarySize = secondarySize;
    }

    /**
     * @param segment the APP2 payload, starting "MPF\0"
     * @param tiffPosition the file position of its TIFF header, which the offsets count from
     */
    static MpfIndex parse(byte[] segment, long tiffPosition) throws MalformedImageException {
        if (segment.length < HEADER.length + 8) {
            throw new MalformedImageException("MPF segment of " + segment.length + " bytes has no TIFF header");
        }
        Exif index = Exif.parse(java.util.Arrays.copyOfRange(segment, HEADER.length, segment.length));
        TiffEntry entries = index.entry(Exif.Ifd.MAIN, TAG_MP_ENTRY);
        if (entries == null || entries.type() != TiffEntry.UNDEFINED || entries.count() % 16 != 0
                || entries.count() < 32) {
            throw new MalformedImageException("MPEntry is missing or not a table of two or more 16-byte entries");
        }
        byte[] table = entries.value(); // UNDEFINED: still in the block's byte order
        boolean little = index.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 1; i < entries.count() / 16; i++) {
            long size = u32(table, 16 * i + 4, little);
            long offset = u32(table, 16 * i + 8, little);
            if (size > 0 && offset > 0) {
                return new MpfIndex(tiffPosition + offset, offset, size);
            }
        }
        throw new MalformedImageException("MPEntry lists no second image with a size and an offset");
    }

    /** Where in the file the second image starts. */
    long secondaryPosition() {
        return secondaryPosition;
    }

    long secondaryOffset() {
        return secondaryOffset;
    }

    long secondarySize() {
        return secondarySize;
    }

    /** The APP2 payload's length, the same for any sizes: writers reserve it, then {@link #segment} fills it. */
    public static int segmentLength() {
        return segment(0, 0, 0).length;
    }

    /**
     * The APP2 payload of a two-image index, big-endian: the primary ({@code primarySize} bytes, at offset 0)
     * and a gain map of {@code secondarySize} bytes starting {@code secondaryOffset} bytes after this
     * segment's TIFF header.
     */
    public static byte[] segment(long primarySize, long secondarySize, long secondaryOffset) {
        Exif index = Exif.empty(ByteOrder.BIG_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.undefined(TAG_VERSION, new byte[] {'0', '1', '0', '0'}))
                .with(Exif.Ifd.MAIN, TiffEntry.longValue(TAG_NUMBER_OF_IMAGES, 2))
                .with(Exif.Ifd.MAIN, TiffEntry.undefined(TAG_MP_ENTRY, entries(primarySize, secondarySize,
                        secondaryOffset)));
        byte[] tiff = index.toTiffBytes();
        byte[] out = new byte[HEADER.length + tiff.length];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        System.arraycopy(tiff, 0, out, HEADER.length, tiff.length);
        return out;
    }

    private static byte[] entries(long primarySize, long secondarySize, long secondaryOffset) {
        byte[] t = new byte[32];
        put32(t, 0, PRIMARY);
        put32(t, 4, primarySize);
        put32(t, 20, secondarySize);
        put32(t, 24, secondaryOffset);
        return t;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[at + (little ? 3 - i : i)] & 0xFF);
        }
        return v;
    }
}
