package io.clarity.engine.metadata;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EXIF block (the TIFF structure inside a JPEG APP1 "Exif" segment, a PNG eXIf or a WebP EXIF chunk): the main
 * directory and its Exif, GPS and Interoperability sub-directories. The thumbnail directory (IFD1) is never
 * kept: after enhancement it shows a different picture.
 */
public final class Exif {
    /** The directories this class reads and writes. */
    public enum Ifd { MAIN, EXIF, GPS, INTEROP }

    public static final int TAG_IMAGE_WIDTH = 0x0100;
    public static final int TAG_IMAGE_LENGTH = 0x0101;
    public static final int TAG_MAKE = 0x010F;
    public static final int TAG_MODEL = 0x0110;
    public static final int TAG_ORIENTATION = 0x0112;
    public static final int TAG_DATE_TIME_ORIGINAL = 0x9003;
    public static final int TAG_MAKER_NOTE = 0x927C;
    public static final int TAG_PIXEL_X_DIMENSION = 0xA002;
    public static final int TAG_PIXEL_Y_DIMENSION = 0xA003;
    public static final int TAG_GPS_LATITUDE_REF = 0x0001;
    public static final int TAG_GPS_LATITUDE = 0x0002;
    public static final int TAG_GPS_LONGITUDE_REF = 0x0003;
    public static final int TAG_GPS_LONGITUDE = 0x0004;

    static final int TAG_EXIF_IFD = 0x8769;
    static final int TAG_GPS_IFD = 0x8825;
    static final int TAG_INTEROP_IFD = 0xA005;
    /** Tags whose values are file offsets into data this class does not carry (strips, tiles, thumbnails). */
    private static final int[] OFFSET_TAGS = {0x0111, 0x0117, 0x0144, 0x0145, 0x014A, 0x0201, 0x0202};

    /** A JPEG APP1 segment holds at most 65533 bytes; PNG and WebP allow more, but no camera writes more. */
    public static final int MAX_BYTES = 4 << 20;

    private final ByteOrder order;
    private final Map<Ifd, TiffDirectory> directories;
    private final boolean hasThumbnail;

    private Exif(ByteOrder order, Map<Ifd, TiffDirectory> directories, boolean hasThumbnail) {
        this.order = order;
        this.directories = new EnumMap<>(Ifd.class);
        for (Ifd ifd : Ifd.values()) {
            TiffDirectory d = directories.get(ifd);
            this.directories.put(ifd, d == null ? TiffDirectory.EMPTY : d);
        }
        this.hasThumbnail = hasThumbnail;
    }

    /** An empty block to build on with {@link #with}. */
    public static Exif empty(ByteOrder order) {
        return new Exif(order, new EnumMap<Ifd, TiffDirectory>(Ifd.class), false);
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public TiffDirectory directory(Ifd ifd) {
        return directories.get(ifd);
    }

    /** Whether the parsed block had a thumbnail directory (IFD1); this object never carries it. */
    public boolean hasThumbnail() {
        return hasThumbnail;
    }

    /** The entry with this tag in this directory, or null. */
    public TiffEntry entry(Ifd ifd, int tag) {
        return directories.get(ifd).entry(tag);
    }

    /** The EXIF orientation 1..8; 1 when absent or out of range, as viewers treat it. */
    public int orientation() {
        TiffEntry e = entry(Ifd.MAIN, TAG_ORIENTATION);
        if (e == null || e.count() < 1 || (e.type() != TiffEntry.SHORT && e.type() != TiffEntry.LONG)) {
            return 1;
        }
        long v = e.unsigned(0);
        return v >= 1 && v <= 8 ? (int) v : 1;
    }

    public Exif with(Ifd ifd, TiffEntry entry) {
        return replace(ifd, directories.get(ifd).with(entry));
    }

    public Exif without(Ifd ifd, int... tags) {
        return replace(ifd, directories.get(ifd).without(tags));
    }

    private Exif replace(Ifd ifd, TiffDirectory directory) {
        Map<Ifd, TiffDirectory> next = new EnumMap<>(directories);
        next.put(ifd, directory);
        return new Exif(order, next, hasThumbnail);
    }

    /**
     * The block for an enhanced output of {@code width} x {@code height} whose pixels are already upright:
     * orientation 1, pixel dimensions updated, thumbnail and offset tags gone, GPS dropped unless kept.
     */
    public Exif forOutput(int width, int height, boolean keepLocation) {
        Map<Ifd, TiffDirectory> next = new EnumMap<>(directories);
        TiffDirectory main = directories.get(Ifd.MAIN).without(OFFSET_TAGS)
                .with(TiffEntry.shortValue(TAG_ORIENTATION, 1));
        if (main.entry(TAG_IMAGE_WIDTH) != null || main.entry(TAG_IMAGE_LENGTH) != null) {
            main = main.with(TiffEntry.longValue(TAG_IMAGE_WIDTH, width))
                    .with(TiffEntry.longValue(TAG_IMAGE_LENGTH, height));
        }
        next.put(Ifd.MAIN, main);
        next.put(Ifd.EXIF, directories.get(Ifd.EXIF)
                .with(TiffEntry.longValue(TAG_PIXEL_X_DIMENSION, width))
                .with(TiffEntry.longValue(TAG_PIXEL_Y_DIMENSION, height)));
        if (!keepLocation) {
            next.put(Ifd.GPS, TiffDirectory.EMPTY);
        }
        return new Exif(order, next, false);
    }

    /** Parses TIFF-structured EXIF bytes (starting at the "II"/"MM" byte-order mark). */
    public static Exif parse(byte[] tiff) throws MalformedImageException {
        return new Parser(tiff).parse();
    }

    /** The block as TIFF bytes in its byte order: header, main directory, then the sub-directories. */
    public byte[] toTiffBytes() {
        TiffDirectory interop = directories.get(Ifd.INTEROP);
        TiffDirectory exif = directories.get(Ifd.EXIF);
        TiffDirectory gps = directories.get(Ifd.GPS);
        // Pointer entries are placeholders here; their offsets are known only once sizes are.
        TiffDirectory exifWithPointer = interop.isEmpty() ? exif : exif.with(TiffEntry.longValue(TAG_INTEROP_IFD, 0));
        TiffDirectory main = directories.get(Ifd.MAIN);
        if (!exifWithPointer.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_EXIF_IFD, 0));
        }
        if (!gps.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_GPS_IFD, 0));
        }
        int mainOffset = 8;
        int exifOffset = mainOffset + Math.max(sizeOf(main), 6); // TIFF needs IFD0 even when empty
        int interopOffset = exifOffset + sizeOf(exifWithPointer);
        int gpsOffset = interopOffset + sizeOf(interop.isEmpty() ? TiffDirectory.EMPTY : interop);
        if (!exifWithPointer.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_EXIF_IFD, exifOffset));
        }
        if (!gps.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_GPS_IFD, gpsOffset));
        }
        if (!interop.isEmpty()) {
            exifWithPointer = exifWithPointer.with(TiffEntry.longValue(TAG_INTEROP_IFD, interopOffset));
        }
        int total = gpsOffset + (gps.isEmpty() ? 0 : sizeOf(gps));
        TiffOutput out = new TiffOutput(total, order);
        out.header(mainOffset);
        out.directory(mainOffset, main);
        if (!exifWithPointer.isEmpty()) {
            out.directory(exifOffset, exifWithPointer);
        }
        if (!interop.isEmpty()) {
            out.directory(interopOffset, interop);
        }
        if (!gps.isEmpty()) {
            out.directory(gpsOffset, gps);
        }
        return out.bytes();
    }

    private static int sizeOf(TiffDirectory d) {
        if (d.isEmpty()) {
            return 0;
        }
        int size = 2 + 12 * d.entries().size() + 4;
        for (TiffEntry e : d.entries()) {
            if (e.valueLength() > 4) {
                size += (e.valueLength() + 1) & ~1;
            }
        }
        return size;
    }

    /** Writes directories into a preallocated buffer; out-of-line values follow each directory, word aligned. */
    private static final class TiffOutput {
        private final byte[] buf;
        private final boolean little;

        TiffOutput(int size, ByteOrder order) {
            buf = new byte[size];
            little = order == ByteOrder.LITTLE_ENDIAN;
        }

        void header(int firstIfd) {
            buf[0] = buf[1] = (byte) (little ? 'I' : 'M');
            put16(2, 42);
            put32(4, firstIfd);
        }

        void directory(int at, TiffDirectory d) {
            List<TiffEntry> entries = d.entries();
            put16(at, entries.size());
            int data = at + 2 + 12 * entries.size() + 4;
            for (int i = 0; i < entries.size(); i++) {
                TiffEntry e = entries.get(i);
                int p = at + 2 + 12 * i;
                put16(p, e.tag());
                put16(p + 2, e.type());
                put32(p + 4, e.count());
                if (e.valueLength() <= 4) {
                    putValue(p + 8, e);
                } else {
                    put32(p + 8, data);
                    putValue(data, e);
                    data += (e.valueLength() + 1) & ~1;
                }
            }
            put32(at + 2 + 12 * entries.size(), 0);
        }

        private void putValue(int at, TiffEntry e) {
            int size = TiffEntry.elementSize(e.type());
            // RATIONALs swap as two 4-byte halves.
            int unit = e.type() == TiffEntry.RATIONAL || e.type() == TiffEntry.SRATIONAL ? 4 : size;
            int n = e.valueLength();
            for (int i = 0; i < n; i++) {
                int within = i % unit;
                int src = little ? i - within + (unit - 1 - within) : i;
                buf[at + i] = e.valueByte(src);
            }
        }

        private void put16(int at, int v) {
            if (little) {
                buf[at] = (byte) v;
                buf[at + 1] = (byte) (v >> 8);
            } else {
                buf[at] = (byte) (v >> 8);
                buf[at + 1] = (byte) v;
            }
        }

        private void put32(int at, long v) {
            for (int i = 0; i < 4; i++) {
                buf[at + (little ? i : 3 - i)] = (byte) (v >> (8 * i));
            }
        }

        byte[] bytes() {
            return buf;
        }
    }

    /**
     * Reads untrusted TIFF bytes. Every offset and count is checked against the block, each directory is read
     * at most once, and the bytes copied out are capped at the block's size, so malformed input can neither loop
     * nor make it allocate more than it was given.
     */
    private static final class Parser {
        private final byte[] buf;
        private boolean little;
        private long copied;
        private final Set<Integer> visited = new HashSet<>();

        Parser(byte[] buf) {
            this.buf = buf;
        }

        Exif parse() throws MalformedImageException {
            if (buf.length > MAX_BYTES) {
                throw new MalformedImageException("EXIF block of " + buf.length + " bytes exceeds " + MAX_BYTES);
            }
            if (buf.length < 8) {
                throw new MalformedImageException("EXIF block of " + buf.length + " bytes is shorter than a TIFF header");
            }
            if (buf[0] == 'I' && buf[1] == 'I') {
                little = true;
            } else if (!(buf[0] == 'M' && buf[1] == 'M')) {
                throw new MalformedImageException("EXIF block does not start with a TIFF byte-order mark (II or MM)");
            }
            if (u16(2) != 42) {
                throw new MalformedImageException("TIFF magic number is " + u16(2) + ", not 42");
            }
            Map<Ifd, TiffDirectory> dirs = new EnumMap<>(Ifd.class);
            long[] next = new long[1];
            List<TiffEntry> main = readDirectory(u32(4), "IFD0", next);
            boolean thumbnail = next[0] != 0;
            long exifAt = takePointer(main, TAG_EXIF_IFD);
            long gpsAt = takePointer(main, TAG_GPS_IFD);
            dirs.put(Ifd.MAIN, directory(main));
            if (exifAt >= 0) {
                List<TiffEntry> exif = readDirectory(exifAt, "Exif IFD", next);
                long interopAt = takePointer(exif, TAG_INTEROP_IFD);
                dirs.put(Ifd.EXIF, directory(exif));
                if (interopAt >= 0) {
                    dirs.put(Ifd.INTEROP, directory(readDirectory(interopAt, "Interoperability IFD", next)));
                }
            }
            if (gpsAt >= 0) {
                dirs.put(Ifd.GPS, directory(readDirectory(gpsAt, "GPS IFD", next)));
            }
            return new Exif(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, dirs, thumbnail);
        }

        private static TiffDirectory directory(List<TiffEntry> entries) throws MalformedImageException {
            try {
                return new TiffDirectory(entries);
            } catch (IllegalArgumentException e) {
                throw new MalformedImageException("EXIF directory has a " + e.getMessage());
            }
        }

        /** Removes a sub-directory pointer from the entries and returns its offset, or -1 when absent. */
        private static long takePointer(List<TiffEntry> entries, int tag) throws MalformedImageException {
            for (int i = 0; i < entries.size(); i++) {
                TiffEntry e = entries.get(i);
                if (e.tag() == tag) {
                    if ((e.type() != TiffEntry.LONG && e.type() != 13) || e.count() != 1) {
                        throw new MalformedImageException("EXIF pointer tag 0x" + Integer.toHexString(tag)
                                + " is not a single LONG");
                    }
                    entries.remove(i);
                    long v = 0;
                    byte[] b = e.value();
                    for (byte x : b) {
                        v = (v << 8) | (x & 0xFF);
                    }
                    return v;
                }
            }
            return -1;
        }

        private List<TiffEntry> readDirectory(long offset, String name, long[] nextOut)
                throws MalformedImageException {
            if (offset < 8 || offset > buf.length - 2) {
                throw new MalformedImageException(name + " offset " + offset + " lies outside the "
                        + buf.length + "-byte EXIF block");
            }
            int at = (int) offset;
            if (!visited.add(at)) {
                throw new MalformedImageException(name + " at offset " + at + " is already used by another directory");
            }
            int count = u16(at);
            if ((long) at + 2 + 12L * count + 4 > buf.length) {
                throw new MalformedImageException(name + " claims " + count + " entries; the block ends first");
            }
            List<TiffEntry> entries = new ArrayList<>(count);
            Set<Integer> tags = new HashSet<>();
            for (int i = 0; i < count; i++) {
                int p = at + 2 + 12 * i;
                int tag = u16(p);
                int type = u16(p + 2);
                long n = u32(p + 4);
                int size = TiffEntry.elementSize(type);
                if (size == 0 || !tags.add(tag)) {
                    continue; // unknown types and repeated tags are skipped, as readers do
                }
                long length = n * size;
                long valueAt = length <= 4 ? p + 8 : u32(p + 8);
                if (length > buf.length || valueAt + length > buf.length) {
                    throw new MalformedImageException(name + " tag 0x" + Integer.toHexString(tag) + " value of "
                            + length + " bytes at " + valueAt + " runs past the " + buf.length + "-byte block");
                }
                copied += length;
                if (copied > buf.length) {
                    throw new MalformedImageException(name + " values overlap: they add up to more than the block");
                }
                entries.add(new TiffEntry(tag, type, (int) n, toBigEndian((int) valueAt, (int) length, type)));
            }
            nextOut[0] = u32(at + 2 + 12 * count);
            return entries;
        }

        private byte[] toBigEndian(int at, int length, int type) {
            byte[] out = new byte[length];
            int unit = type == TiffEntry.RATIONAL || type == TiffEntry.SRATIONAL ? 4 : TiffEntry.elementSize(type);
            for (int i = 0; i < length; i++) {
                int within = i % unit;
                out[i] = buf[at + (little ? i - within + (unit - 1 - within) : i)];
            }
            return out;
        }

        private int u16(int at) {
            int a = buf[at] & 0xFF;
            int b = buf[at + 1] & 0xFF;
            return little ? a | (b << 8) : (a << 8) | b;
        }

        private long u32(int at) {
            long hi = u16(little ? at + 2 : at);
            long lo = u16(little ? at : at + 2);
            return (hi << 16) | lo;
        }
    }
}
