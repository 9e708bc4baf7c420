package io.clarity.engine.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the EXIF, XMP and ICC profile of a HEIF/HEIC/AVIF file (ISO/IEC 23008-12) in one forward pass: the
 * {@code meta} box names the items (iinf), where their bytes lie (iloc) and the colour profile (iprp/ipco/colr);
 * the EXIF and XMP items are then read where iloc puts them, usually in the {@code mdat} after it.
 *
 * <p>Ours rather than androidx ExifInterface: ExifInterface reads HEIF only from API 28 (through
 * MediaMetadataRetriever; the app supports 26), hands back tags one by one as strings rather than the block, and
 * cannot run on the JVM, where this is tested and fuzzed with the other parsers.
 */
final class HeifReader {
    private static final int MAX_META_BYTES = 16 << 20;
    private static final List<String> BRANDS = Arrays.asList("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
            "hevs", "mif1", "msf1", "avif", "avis", "miaf");

    private final StreamReader r;
    private final List<String> dropped = new ArrayList<>();
    private byte[] icc;
    private Item exifItem;
    private Item xmpItem;
    private byte[] idat;

    private HeifReader(StreamReader r) {
        this.r = r;
    }

    /** Reads from the third byte of the file on ({@code r} positioned at 2; the first two are zero). */
    static PhotoMetadata read(StreamReader r) throws IOException {
        return new HeifReader(r).run();
    }

    private PhotoMetadata run() throws IOException {
        long size = r.u16be();
        if (!fourCc(r.bytes(4)).equals("ftyp") || size < 16 || size > 4096) {
            throw r.malformed("not an ISO media file: no ftyp box of 16..4096 bytes first");
        }
        byte[] ftyp = r.bytes((int) size - 8);
        boolean heif = false;
        for (int at = 0; at + 4 <= ftyp.length; at += at == 0 ? 8 : 4) { // major brand, minor version, brands
            heif |= BRANDS.contains(fourCc(Arrays.copyOfRange(ftyp, at, at + 4)));
        }
        if (!heif) {
            throw r.malformed("ftyp names no HEIF or AVIF brand");
        }
        boolean sawMeta = false;
        while (!sawMeta) {
            long boxAt = r.position();
            byte[] head = readHead();
            if (head == null) {
                throw r.malformed("file ends before its meta box");
            }
            long boxSize = boxSize(head, boxAt);
            String type = fourCc(Arrays.copyOfRange(head, 4, 8));
            long body = boxSize - (r.position() - boxAt);
            if (type.equals("meta")) {
                if (body > MAX_META_BYTES) {
                    throw r.malformed("meta box of " + boxSize + " bytes exceeds " + MAX_META_BYTES);
                }
                byte[] meta = r.bytes((int) body);
                sawMeta = true;
                try {
                    parseMeta(meta);
                } catch (MalformedImageException e) {
                    dropped.add("HEIF meta box: " + e.getMessage());
                    exifItem = null;
                    xmpItem = null;
                }
            } else if (type.equals("mdat")) {
                throw r.malformed("mdat comes before the meta box; its items cannot be read in one pass");
            } else {
                r.skip(body);
            }
        }
        // Items are read forward, so the one stored first is fetched first.
        boolean exifFirst = xmpItem == null || exifItem == null || exifItem.extents.isEmpty()
                || xmpItem.extents.isEmpty() || exifItem.extents.get(0)[0] <= xmpItem.extents.get(0)[0];
        byte[] exifBytes = exifFirst ? fetch(exifItem, "EXIF") : null;
        byte[] xmpBytes = fetch(xmpItem, "XMP");
        if (!exifFirst) {
            exifBytes = fetch(exifItem, "EXIF");
        }
        Exif exif = exifBytes == null ? null : parseExif(exifBytes);
        Xmp xmp = null;
        if (xmpBytes != null) {
            try {
                xmp = Xmp.parse(xmpBytes);
            } catch (MalformedImageException e) {
                dropped.add("XMP packet: " + e.getMessage());
            }
        }
        return new PhotoMetadata(exif, icc, xmp, new ArrayList<AppSegment>(), null, dropped);
    }

    /** The 8-byte box header (16 with a 64-bit size), or null at the end of the file. */
    private byte[] readHead() throws IOException {
        long at = r.position();
        byte[] head;
        try {
            head = r.bytes(8);
        } catch (MalformedImageException e) {
            if (r.position() == at) {
                return null;
            }
            throw e;
        }
        if (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 1) {
            byte[] large = r.bytes(8);
            head = Arrays.copyOf(head, 16);
            System.arraycopy(large, 0, head, 8, 8);
        }
        return head;
    }

    private long boxSize(byte[] head, long boxAt) throws MalformedImageException {
        long size = u32(head, 0);
        if (size == 1) {
            size = (u32(head, 8) << 32) | u32(head, 12);
        }
        if (size == 0) {
            throw r.malformed("box " + fourCc(Arrays.copyOfRange(head, 4, 8)) + " runs to the end of the file");
        }
        if (size < head.length || size > Long.MAX_VALUE / 2) {
            throw r.malformed("box size " + size + " is smaller than its header or absurd (box at " + boxAt + ")");
        }
        return size;
    }

    private void parseMeta(byte[] meta) throws MalformedImageException {
        int[] iloc = null;
        Boxes boxes = new Boxes(meta, 4, meta.length); // FullBox: version and flags first
        for (int[] box = boxes.next(); box != null; box = boxes.next()) {
            String type = boxes.type;
            if (type.equals("iinf")) {
                parseItemInfo(meta, box[0], box[1]);
            } else if (type.equals("iloc")) {
                iloc = box; // read once the items are known, whichever box comes first
            } else if (type.equals("idat")) {
                idat = Arrays.copyOfRange(meta, box[0], box[1]);
            } else if (type.equals("iprp")) {
                parseProperties(meta, box[0], box[1]);
            }
        }
        if (iloc != null) {
            parseLocations(meta, iloc[0], iloc[1]);
        }
    }

    private void parseItemInfo(byte[] b, int from, int to) throws MalformedImageException {
        int version = byteAt(b, from, to);
        int at = from + 4 + (version == 0 ? 2 : 4);
        Boxes entries = new Boxes(b, at, to);
        for (int[] box = entries.next(); box != null; box = entries.next()) {
            if (!entries.type.equals("infe")) {
                continue;
            }
            int v = byteAt(b, box[0], box[1]);
            if (v < 2) {
                continue; // version 0/1 entries carry no item type
            }
            int p = box[0] + 4;
            long id = v == 2 ? u16(b, p, box[1]) : u32(b, p, box[1]);
            p += (v == 2 ? 2 : 4) + 2;
            need(p + 4, box[1], "infe");
            String itemType = fourCc(Arrays.copyOfRange(b, p, p + 4));
            p += 4;
            if (itemType.equals("Exif") && exifItem == null) {
                exifItem = item(id);
            } else if (itemType.equals("mime") && xmpItem == null) {
                int name = p;
                while (name < box[1] && b[name] != 0) { // item_name, then content_type
                    name++;
                }
                int start = name + 1;
                int nul = start;
                while (nul < box[1] && b[nul] != 0) {
                    nul++;
                }
                if (start <= box[1] && new String(b, start, Math.max(0, nul - start), StandardCharsets.US_ASCII)
                        .equals("application/rdf+xml")) {
                    xmpItem = item(id);
                }
            }
        }
    }

    private Item item(long id) {
        Item i = new Item();
        i.id = id;
        return i;
    }

    private void parseLocations(byte[] b, int from, int to) throws MalformedImageException {
        int version = byteAt(b, from, to);
        if (version > 2) {
            throw new MalformedImageException("HEIF: iloc version " + version + " is unknown");
        }
        int p = from + 4;
        need(p + 2, to, "iloc");
        int offsetSize = (b[p] & 0xFF) >> 4;
        int lengthSize = b[p] & 15;
        int baseSize = (b[p + 1] & 0xFF) >> 4;
        int indexSize = version == 0 ? 0 : b[p + 1] & 15;
        p += 2;
        long count = version < 2 ? u16(b, p, to) : u32(b, p, to);
        p += version < 2 ? 2 : 4;
        for (long i = 0; i < count; i++) {
            long id = version < 2 ? u16(b, p, to) : u32(b, p, to);
            p += version < 2 ? 2 : 4;
            int method = 0;
            if (version > 0) {
                method = (int) (u16(b, p, to) & 15);
                p += 2;
            }
            p += 2; // data_reference_index
            long base = sized(b, p, baseSize, to);
            p += baseSize;
            int extents = (int) u16(b, p, to);
            p += 2;
            Item target = exifItem != null && exifItem.id == id ? exifItem : xmpItem != null && xmpItem.id == id
                    ? xmpItem : null;
            for (int e = 0; e < extents; e++) {
                p += indexSize;
                long offset = sized(b, p, offsetSize, to);
                p += offsetSize;
                long length = sized(b, p, lengthSize, to);
                p += lengthSize;
                if (target != null) {
                    target.method = method;
                    target.extents.add(new long[] {base + offset, length});
                }
            }
        }
    }

    private void parseProperties(byte[] b, int from, int to) throws MalformedImageException {
        Boxes children = new Boxes(b, from, to);
        for (int[] box = children.next(); box != null; box = children.next()) {
            if (!children.type.equals("ipco")) {
                continue;
            }
            Boxes properties = new Boxes(b, box[0], box[1]);
            for (int[] prop = properties.next(); prop != null; prop = properties.next()) {
                if (properties.type.equals("colr") && icc == null) {
                    need(prop[0] + 4, prop[1], "colr");
                    String kind = fourCc(Arrays.copyOfRange(b, prop[0], prop[0] + 4));
                    int n = prop[1] - prop[0] - 4;
                    if ((kind.equals("prof") || kind.equals("rICC")) && n > 0 && n <= PhotoMetadata.MAX_ICC_BYTES) {
                        icc = Arrays.copyOfRange(b, prop[0] + 4, prop[1]);
                    }
                }
            }
        }
    }

    /**
     * An item's bytes, read forward from the stream (or from idat), or null: absent, or unreadable, which is
     * then recorded.
     */
    private byte[] fetch(Item item, String what) throws IOException {
        if (item == null) {
            return null;
        }
        long total = 0;
        for (long[] e : item.extents) {
            total += Math.min(e[1], Xmp.MAX_BYTES + 1L); // capped, so many huge extents cannot wrap the sum
        }
        if (item.extents.isEmpty() || total <= 0 || total > Xmp.MAX_BYTES || item.method > 1) {
            dropped.add("HEIF " + what + " item: " + item.extents.size() + " extents of " + total
                    + " bytes, construction method " + item.method + "; not read");
            return null;
        }
        byte[] out = new byte[(int) total];
        int filled = 0;
        for (long[] e : item.extents) {
            if (item.method == 1) {
                if (idat == null || e[0] < 0 || e[0] + e[1] > idat.length) {
                    dropped.add("HEIF " + what + " item: its extent lies outside the idat box");
                    return null;
                }
                System.arraycopy(idat, (int) e[0], out, filled, (int) e[1]);
            } else {
                if (e[0] < r.position()) {
                    dropped.add("HEIF " + what + " item: at byte " + e[0] + ", before the end of the meta box");
                    return null;
                }
                r.skip(e[0] - r.position());
                byte[] part = r.bytes((int) e[1]);
                System.arraycopy(part, 0, out, filled, part.length);
            }
            filled += (int) e[1];
        }
        return out;
    }

    /** A HEIF Exif item: a 4-byte offset to the TIFF header (usually past "Exif\0\0"), then the block. */
    private Exif parseExif(byte[] item) {
        try {
            if (item.length < 4) {
                throw new MalformedImageException("item of " + item.length + " bytes has no TIFF header offset");
            }
            long skip = u32(item, 0);
            if (skip > item.length - 4) {
                throw new MalformedImageException("TIFF header offset " + skip + " lies past the " + item.length
                        + "-byte item");
            }
            return Exif.parse(Arrays.copyOfRange(item, 4 + (int) skip, item.length));
        } catch (MalformedImageException e) {
            dropped.add("EXIF block: " + e.getMessage());
            return null;
        }
    }

    private static final class Item {
        long id;
        int method;
        final List<long[]> extents = new ArrayList<>();
    }

    /** Child boxes of a byte range: each {@link #next} gives one box's body range and sets {@link #type}. */
    private static final class Boxes {
        private final byte[] b;
        private final int end;
        private int at;
        String type;

        Boxes(byte[] b, int from, int to) {
            this.b = b;
            this.at = from;
            this.end = to;
        }

        int[] next() throws MalformedImageException {
            if (at + 8 > end) {
                return null;
            }
            long size = u32(b, at, end);
            type = fourCc(Arrays.copyOfRange(b, at + 4, at + 8));
            if (size < 8 || size > end - at) {
                throw new MalformedImageException("HEIF: " + type + " box of " + size + " bytes does not fit its"
                        + " parent's " + (end - at));
            }
            int[] body = {at + 8, at + (int) size};
            at += (int) size;
            return body;
        }
    }

    private static void need(int upTo, int end, String box) throws MalformedImageException {
        if (upTo > end) {
            throw new MalformedImageException("HEIF: " + box + " box ends early");
        }
    }

    private static int byteAt(byte[] b, int at, int end) throws MalformedImageException {
        need(at + 4, end, "full");
        return b[at] & 0xFF;
    }

    private static long sized(byte[] b, int at, int size, int end) throws MalformedImageException {
        if (size != 0 && size != 4 && size != 8) {
            throw new MalformedImageException("HEIF: iloc field size " + size + " is not 0, 4 or 8");
        }
        need(at + size, end, "iloc");
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        if (v < 0) {
            throw new MalformedImageException("HEIF: iloc value is past 2^63");
        }
        return v;
    }

    private static long u16(byte[] b, int at, int end) throws MalformedImageException {
        need(at + 2, end, "iloc/iinf");
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, int end) throws MalformedImageException {
        need(at + 4, end, "HEIF");
        return u32(b, at);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    private static String fourCc(byte[] name) {
        StringBuilder s = new StringBuilder(4);
        for (byte c : name) {
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
