package io.clarity.engine.metadata;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
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
    /** The TIFF bytes that fit a JPEG APP1 segment after its "Exif\0\0" header. */
    public static final int MAX_JPEG_BYTES = 65533 - 6;

    private final ByteOrder order;
    private final Map<Ifd, TiffDirectory> directories;
    private final boolean hasThumbnail;
    /** Where the parsed block held the MakerNote value, -1 when it may go anywhere. */
    private final int makerNoteOffset;
    private final List<String> dropped;

    private Exif(ByteOrder order, Map<Ifd, TiffDirectory> directories, boolean hasThumbnail, int makerNoteOffset,
            List<String> dropped) {
        this.order = order;
        this.directories = new EnumMap<>(Ifd.class);
        for (Ifd ifd : Ifd.values()) {
            TiffDirectory d = directories.get(ifd);
            this.directories.put(ifd, d == null ? TiffDirectory.EMPTY : d);
        }
        this.hasThumbnail = hasThumbnail;
        this.makerNoteOffset = directories.get(Ifd.EXIF) != null
                && directories.get(Ifd.EXIF).entry(TAG_MAKER_NOTE) != null ? makerNoteOffset : -1;
        this.dropped = Collections.unmodifiableList(new ArrayList<>(dropped));
    }

    /** An empty block to build on with {@link #with}. */
    public static Exif empty(ByteOrder order) {
        return new Exif(order, new EnumMap<Ifd, TiffDirectory>(Ifd.class), false, -1,
                Collections.<String>emptyList());
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

    /**
     * What parsing or {@link #forOutput} left out and why, one line each ("GPS IFD: offset 9999 lies outside
     * the 200-byte EXIF block"); empty when everything was kept.
     */
    public List<String> dropped() {
        return dropped;
    }

    /** The offset the MakerNote keeps in {@link #toTiffBytes}, or -1 when it is laid out like any value. */
    public int makerNoteOffset() {
        return makerNoteOffset;
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
        // A MakerNote that is replaced was written by us, so no offsets inside it point into the old block.
        boolean sameNote = ifd != Ifd.EXIF || java.util.Objects.equals(directory.entry(TAG_MAKER_NOTE),
                directories.get(Ifd.EXIF).entry(TAG_MAKER_NOTE));
        return new Exif(order, next, hasThumbnail, sameNote ? makerNoteOffset : -1, dropped);
    }

    /**
     * The block for an enhanced output of {@code width} x {@code height} whose pixels are already upright:
     * orientation 1, pixel dimensions updated (in the Exif IFD, when there is one), thumbnail and offset tags gone, GPS dropped unless kept. The
     * MakerNote keeps its offset (see {@link #toTiffBytes}); when that makes the block too big for a JPEG APP1
     * segment it is dropped, and {@link #dropped()} says so.
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
        if (!directories.get(Ifd.EXIF).isEmpty()) {
            // Not created where absent: an Exif IFD must then also hold ExifVersion, ColorSpace and others
            // that this block does not know.
            next.put(Ifd.EXIF, directories.get(Ifd.EXIF)
                    .with(TiffEntry.longValue(TAG_PIXEL_X_DIMENSION, width))
                    .with(TiffEntry.longValue(TAG_PIXEL_Y_DIMENSION, height)));
        }
        if (!keepLocation) {
            next.put(Ifd.GPS, TiffDirectory.EMPTY);
        }
        Exif out = new Exif(order, next, false, makerNoteOffset, dropped);
        int size = out.toTiffBytes().length;
        TiffEntry note = out.entry(Ifd.EXIF, TAG_MAKER_NOTE);
        if (size > MAX_JPEG_BYTES && note != null) {
            List<String> why = new ArrayList<>(dropped);
            why.add("MakerNote of " + note.count() + " bytes" + (makerNoteOffset >= 0 ? " at offset "
                    + makerNoteOffset : "") + ": the block would take " + size + " bytes, more than a JPEG APP1"
                    + " segment holds (" + MAX_JPEG_BYTES + ")");
            next.put(Ifd.EXIF, next.get(Ifd.EXIF).without(TAG_MAKER_NOTE));
            out = new Exif(order, next, false, -1, why);
        }
        return out;
    }

    /** This block without its GPS directory (the photo's location), everything else as it is. */
    public Exif withoutLocation() {
        if (directories.get(Ifd.GPS).isEmpty()) {
            return this;
        }
        Map<Ifd, TiffDirectory> next = new EnumMap<>(directories);
        next.put(Ifd.GPS, TiffDirectory.EMPTY);
        return new Exif(order, next, hasThumbnail, makerNoteOffset, dropped);
    }

    /** Whether the block holds a location (a non-empty GPS directory). */
    public boolean hasLocation() {
        return !directories.get(Ifd.GPS).isEmpty();
    }

    /** Parses TIFF-structured EXIF bytes (starting at the "II"/"MM" byte-order mark). */
    public static Exif parse(byte[] tiff) throws MalformedImageException {
        return new Parser(tiff).parse();
    }

    /**
     * The block as TIFF bytes in its byte order: header, main directory, then the sub-directories. A parsed
     * MakerNote is written byte-identical at its original offset, the directories laid out around it: many
     * maker notes hold offsets counted from the TIFF header, which moving them would break.
     */
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
        TiffEntry note = exif.entry(TAG_MAKER_NOTE);
        int holeStart = makerNoteOffset >= 0 ? makerNoteOffset : Integer.MAX_VALUE;
        int holeEnd = makerNoteOffset >= 0 ? (makerNoteOffset + note.valueLength() + 1) & ~1 : Integer.MAX_VALUE;
        int noteInline = makerNoteOffset >= 0 ? (note.valueLength() + 1) & ~1 : 0;
        int[] cursor = {8};
        int mainOffset = place(cursor, Math.max(sizeOf(main), 6), holeStart, holeEnd); // TIFF needs IFD0 even when empty
        int exifOffset = place(cursor, sizeOf(exifWithPointer) - noteInline, holeStart, holeEnd);
        int interopOffset = place(cursor, sizeOf(interop), holeStart, holeEnd);
        int gpsOffset = place(cursor, sizeOf(gps), holeStart, holeEnd);
        if (!exifWithPointer.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_EXIF_IFD, exifOffset));
        }
        if (!gps.isEmpty()) {
            main = main.with(TiffEntry.longValue(TAG_GPS_IFD, gpsOffset));
        }
        if (!interop.isEmpty()) {
            exifWithPointer = exifWithPointer.with(TiffEntry.longValue(TAG_INTEROP_IFD, interopOffset));
        }
        int total = makerNoteOffset >= 0 ? Math.max(cursor[0], makerNoteOffset + note.valueLength()) : cursor[0];
        TiffOutput out = new TiffOutput(total, order);
        out.header(mainOffset);
        out.directory(mainOffset, main, -1);
        if (!exifWithPointer.isEmpty()) {
            out.directory(exifOffset, exifWithPointer, makerNoteOffset);
        }
        if (!interop.isEmpty()) {
            out.directory(interopOffset, interop, -1);
        }
        if (!gps.isEmpty()) {
            out.directory(gpsOffset, gps, -1);
        }
        return out.bytes();
    }

    /** Puts a run of {@code size} bytes at the cursor, or after the MakerNote when it would overlap it. */
    private static int place(int[] cursor, int size, int holeStart, int holeEnd) {
        if (size > 0 && cursor[0] < holeEnd && cursor[0] + size > holeStart) {
            cursor[0] = holeEnd;
        }
        int at = cursor[0];
        cursor[0] += size;
        return at;
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

        /** {@code makerNoteAt}: where the MakerNote value goes, -1 for after the directory like the others. */
        void directory(int at, TiffDirectory d, int makerNoteAt) {
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
                } else if (e.tag() == TAG_MAKER_NOTE && makerNoteAt >= 0) {
                    put32(p + 8, makerNoteAt);
                    putValue(makerNoteAt, e);
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
     * nor make it allocate more than it was given. Only a bad header or an unreachable IFD0 rejects the block;
     * any other unsound entry or sub-directory is left out and named in {@link #dropped()}, the rest is kept.
     */
    private static final class Parser {
        private final byte[] buf;
        private boolean little;
        private long copied;
        private final Set<Integer> visited = new HashSet<>();
        private final List<String> dropped = new ArrayList<>();
        private int makerNoteOffset = -1;

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
            long ifd0 = u32(4);
            if (!reachable(ifd0)) {
                throw new MalformedImageException("IFD0 offset " + ifd0 + " lies outside the " + buf.length
                        + "-byte EXIF block");
            }
            Map<Ifd, TiffDirectory> dirs = new EnumMap<>(Ifd.class);
            long[] next = new long[1];
            List<TiffEntry> main = readDirectory(ifd0, "IFD0", next);
            boolean thumbnail = next[0] != 0;
            long exifAt = takePointer(main, TAG_EXIF_IFD, "Exif IFD");
            long gpsAt = takePointer(main, TAG_GPS_IFD, "GPS IFD");
            dirs.put(Ifd.MAIN, new TiffDirectory(main));
            if (exifAt >= 0) {
                List<TiffEntry> exif = readDirectory(exifAt, "Exif IFD", next);
                long interopAt = takePointer(exif, TAG_INTEROP_IFD, "Interoperability IFD");
                dirs.put(Ifd.EXIF, new TiffDirectory(exif));
                if (interopAt >= 0) {
                    dirs.put(Ifd.INTEROP, new TiffDirectory(readDirectory(interopAt, "Interoperability IFD", next)));
                }
            }
            if (gpsAt >= 0) {
                dirs.put(Ifd.GPS, new TiffDirectory(readDirectory(gpsAt, "GPS IFD", next)));
            }
            return new Exif(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, dirs, thumbnail,
                    makerNoteOffset, dropped);
        }

        private boolean reachable(long offset) {
            return offset >= 8 && offset <= buf.length - 2;
        }

        /**
         * Removes a sub-directory pointer from the entries and returns its offset, or -1 when absent or unusable
         * (then recorded as dropped). A single SHORT is read as the offset it unambiguously is.
         */
        private long takePointer(List<TiffEntry> entries, int tag, String name) {
            for (int i = 0; i < entries.size(); i++) {
                TiffEntry e = entries.get(i);
                if (e.tag() != tag) {
                    continue;
                }
                entries.remove(i);
                boolean number = e.type() == TiffEntry.LONG || e.type() == 13 || e.type() == TiffEntry.SHORT;
                if (!number || e.count() != 1) {
                    dropped.add(name + ": its pointer (tag 0x" + Integer.toHexString(tag) + ") is type "
                            + e.type() + " count " + e.count() + ", not a single LONG");
                    return -1;
                }
                long v = 0;
                for (byte x : e.value()) {
                    v = (v << 8) | (x & 0xFF);
                }
                if (!reachable(v)) {
                    dropped.add(name + ": offset " + v + " lies outside the " + buf.length + "-byte EXIF block");
                    return -1;
                }
                if (!visited.add((int) v)) {
                    dropped.add(name + ": offset " + v + " is already used by another directory");
                    return -1;
                }
                return v;
            }
            return -1;
        }

        /** The sound entries of the directory at a reachable offset; the rest are recorded as dropped. */
        private List<TiffEntry> readDirectory(long offset, String name, long[] nextOut) {
            int at = (int) offset;
            visited.add(at);
            int count = u16(at);
            int fit = (int) Math.min(count, (buf.length - at - 2) / 12L);
            if (fit < count) {
                dropped.add(name + ": claims " + count + " entries; the block ends after " + fit);
            } else if (count == 0 && at != u32(4)) {
                dropped.add(name + ": has no entries (TIFF needs at least one)");
            }
            List<TiffEntry> entries = new ArrayList<>(fit);
            Set<Integer> tags = new HashSet<>();
            for (int i = 0; i < fit; i++) {
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
                    dropped.add(name + " tag 0x" + Integer.toHexString(tag) + ": value of " + length
                            + " bytes at " + valueAt + " runs past the " + buf.length + "-byte block");
                    continue;
                }
                if (copied + length > buf.length) {
                    dropped.add(name + " tag 0x" + Integer.toHexString(tag)
                            + ": values overlap, they add up to more than the block");
                    continue;
                }
                if (tag == TAG_MAKER_NOTE && name.equals("Exif IFD") && length > 4) {
                    if (valueAt < 8) {
                        dropped.add("MakerNote: its value at offset " + valueAt + " overlaps the TIFF header");
                        continue;
                    }
                    makerNoteOffset = (int) valueAt;
                }
                copied += length;
                entries.add(new TiffEntry(tag, type, (int) n, toBigEndian((int) valueAt, (int) length, type)));
            }
            int nextAt = at + 2 + 12 * fit;
            nextOut[0] = fit == count && nextAt + 4 <= buf.length ? u32(nextAt) : 0;
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
