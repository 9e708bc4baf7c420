package io.clarity.engine.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One TIFF/EXIF directory entry. Values are held big-endian whatever the source byte order, so entries can be
 * moved between blocks and written in either order.
 */
public final class TiffEntry {
    public static final int BYTE = 1;
    public static final int ASCII = 2;
    public static final int SHORT = 3;
    public static final int LONG = 4;
    public static final int RATIONAL = 5;
    public static final int UNDEFINED = 7;
    public static final int SRATIONAL = 10;
    private static final int[] ELEMENT_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    private final int tag;
    private final int type;
    private final int count;
    private final byte[] value;

    public TiffEntry(int tag, int type, int count, byte[] bigEndianValue) {
        if (tag < 0 || tag > 0xFFFF || elementSize(type) == 0 || count < 0
                || (long) count * elementSize(type) != bigEndianValue.length) {
            throw new IllegalArgumentException("bad TIFF entry: tag " + tag + " type " + type + " count " + count
                    + " with " + bigEndianValue.length + " value bytes");
        }
        this.tag = tag;
        this.type = type;
        this.count = count;
        this.value = bigEndianValue.clone();
    }

    /** Bytes per element of a TIFF type, 0 for a type TIFF 6 and EXIF 2.3 do not define. */
    public static int elementSize(int type) {
        return type > 0 && type < ELEMENT_SIZE.length ? ELEMENT_SIZE[type] : 0;
    }

    public static TiffEntry ascii(int tag, String text) {
        byte[] chars = text.getBytes(StandardCharsets.UTF_8);
        byte[] value = Arrays.copyOf(chars, chars.length + 1);
        return new TiffEntry(tag, ASCII, value.length, value);
    }

    public static TiffEntry shortValue(int tag, int value) {
        return new TiffEntry(tag, SHORT, 1, new byte[] {(byte) (value >> 8), (byte) value});
    }

    public static TiffEntry longValue(int tag, long value) {
        return new TiffEntry(tag, LONG, 1, bigEndian(new long[] {value}));
    }

    /** Unsigned rationals given as numerator, denominator pairs. */
    public static TiffEntry rationals(int tag, long... numeratorsAndDenominators) {
        if (numeratorsAndDenominators.length % 2 != 0) {
            throw new IllegalArgumentException("rationals come in numerator/denominator pairs");
        }
        return new TiffEntry(tag, RATIONAL, numeratorsAndDenominators.length / 2,
                bigEndian(numeratorsAndDenominators));
    }

    public static TiffEntry undefined(int tag, byte[] bytes) {
        return new TiffEntry(tag, UNDEFINED, bytes.length, bytes);
    }

    private static byte[] bigEndian(long[] values) {
        byte[] out = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            out[4 * i] = (byte) (v >> 24);
            out[4 * i + 1] = (byte) (v >> 16);
            out[4 * i + 2] = (byte) (v >> 8);
            out[4 * i + 3] = (byte) v;
        }
        return out;
    }

    public int tag() {
        return tag;
    }

    public int type() {
        return type;
    }

    public int count() {
        return count;
    }

    /** The value, big-endian; a copy. */
    public byte[] value() {
        return value.clone();
    }

    int valueLength() {
        return value.length;
    }

    byte valueByte(int i) {
        return value[i];
    }

    /** The text of an ASCII entry without its trailing NULs. */
    public String asText() {
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
            end--;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** Element {@code i} of a BYTE, SHORT or LONG entry as an unsigned number. */
    public long unsigned(int i) {
        int size = elementSize(type);
        if (type != BYTE && type != SHORT && type != LONG || i < 0 || i >= count) {
            throw new IllegalStateException("tag " + tag + " of type " + type + " has no unsigned element " + i);
        }
        long v = 0;
        for (int b = 0; b < size; b++) {
            v = (v << 8) | (value[i * size + b] & 0xFF);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TiffEntry)) {
            return false;
        }
        TiffEntry e = (TiffEntry) o;
        return tag == e.tag && type == e.type && count == e.count && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return (tag * 31 + type) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TiffEntry[tag 0x" + Integer.toHexString(tag) + " type " + type + " count " + count + "]";
    }
}
