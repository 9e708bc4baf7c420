package io.clarity.engine.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the metadata of a JPEG, PNG, WebP or HEIF/AVIF file (a BMP has none) from untrusted bytes, without
 * decoding pixels: EXIF, ICC profile and XMP, and for JPEG the APPn segments to copy and an Ultra HDR gain map.
 * JPEG and PNG are read only up to the image data, except that an Ultra HDR JPEG is read on to its gain map.
 * A damaged EXIF block, XMP packet or gain map is left out and named in {@link PhotoMetadata#dropped()}; a
 * damaged container is rejected.
 */
public final class PhotoMetadataReader {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0};
    private static final byte[] ICC_HEADER = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXTENDED_XMP_HEADER =
            "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ISO_GAIN_MAP_HEADER = "urn:iso:std:iso:ts:21496:-1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FPXR_HEADER = {'F', 'P', 'X', 'R', 0};
    static final byte[] PNG_XMP_KEYWORD = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.US_ASCII);
    /** APPn bytes copied as they are; real photos carry a few kilobytes, this bounds hostile ones. */
    static final int MAX_COPIED_SEGMENT_BYTES = 1 << 20;

    private PhotoMetadataReader() {
    }

    /** Reads from the start of an image file; the stream is left wherever reading stopped. */
    public static PhotoMetadata read(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 == 0xFF && b1 == 0xD8) {
            return readJpeg(new StreamReader(in, "JPEG", 2));
        }
        if (b0 == 0x89 && b1 == 'P') {
            return readPng(new StreamReader(in, "PNG", 2));
        }
        if (b0 == 'R' && b1 == 'I') {
            return readWebp(new StreamReader(in, "WebP", 2));
        }
        if (b0 == 0 && b1 == 0) {
            return HeifReader.read(new StreamReader(in, "HEIF", 2));
        }
        if (b0 == 'B' && b1 == 'M') {
            return PhotoMetadata.NONE;
        }
        throw new MalformedImageException("not a JPEG, PNG, WebP, HEIF or BMP file");
    }

    private static PhotoMetadata readJpeg(StreamReader r) throws IOException {
        return readJpeg(r, true);
    }

    /**
     * Reads the segments before the first scan. With {@code followGainMap}, an Ultra HDR primary's gain map is
     * then read too: the stream is read on (not held) up to where the MPF index says it starts.
     */
    private static PhotoMetadata readJpeg(StreamReader r, boolean followGainMap) throws IOException {
        Exif exif = null;
        byte[][] iccChunks = null;
        byte[] standardXmp = null;
        ExtendedXmp extended = new ExtendedXmp();
        List<AppSegment> segments = new ArrayList<>();
        long copiedBytes = 0;
        List<String> dropped = new ArrayList<>();
        MpfIndex mpf = null;
        boolean isoGainMap = false;
        int width = 0;
        int height = 0;
        while (true) {
            int b = r.u8();
            if (b != 0xFF) {
                throw r.malformed("expected a marker, found 0x" + Integer.toHexString(b));
            }
            int marker = r.u8();
            while (marker == 0xFF) {
                marker = r.u8(); // fill bytes
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan or end of image: no metadata segments follow that we carry
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers
            }
            if (marker == 0x00 || marker == 0xD8) {
                throw r.malformed("marker 0x" + Integer.toHexString(marker) + " is not allowed here");
            }
            int length = r.u16be();
            if (length < 2) {
                throw r.malformed("segment length " + length + " is less than 2");
            }
            int payload = length - 2;
            long payloadAt = r.position();
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                byte[] sof = r.bytes(payload);
                if (sof.length >= 5) {
                    height = ((sof[1] & 0xFF) << 8) | (sof[2] & 0xFF);
                    width = ((sof[3] & 0xFF) << 8) | (sof[4] & 0xFF);
                }
                continue;
            }
            if (marker < 0xE0 || marker > 0xEF || marker == 0xE0 || marker == 0xEE) {
                // Tables, comments, JFIF (density, thumbnail) and Adobe APP14 (its colour transform flag
                // describes the old encoding): ours are written afresh.
                r.skip(payload);
                continue;
            }
            byte[] data = r.bytes(payload);
            if (marker == 0xE1 && startsWith(data, EXIF_HEADER)) {
                if (exif == null && data.length < 8 + 6) {
                    dropped.add("EXIF block of " + data.length + " bytes is shorter than a TIFF header");
                } else if (exif == null) {
                    try {
                        exif = Exif.parse(Arrays.copyOfRange(data, 6, data.length));
                    } catch (MalformedImageException e) {
                        dropped.add("EXIF block: " + e.getMessage());
                    }
                }
            } else if (marker == 0xE1 && startsWith(data, XMP_HEADER)) {
                if (standardXmp == null) {
                    standardXmp = Arrays.copyOfRange(data, XMP_HEADER.length, data.length);
                }
            } else if (marker == 0xE1 && startsWith(data, EXTENDED_XMP_HEADER)) {
                extended.add(r, data);
            } else if (marker == 0xE2 && startsWith(data, ICC_HEADER)) {
                if (data.length >= ICC_HEADER.length + 2) {
                    iccChunks = addIccChunk(r, iccChunks, data);
                }
            } else if (marker == 0xE2 && startsWith(data, MpfIndex.HEADER)) {
                if (mpf == null) {
                    try {
                        mpf = MpfIndex.parse(data, payloadAt + MpfIndex.HEADER.length);
                    } catch (MalformedImageException e) {
                        dropped.add("MPF index: " + e.getMessage());
                    }
                }
            } else if (marker == 0xE2 && startsWith(data, FPXR_HEADER)) {
                continue; // FlashPix extension: a screen-nail of the old pixels
            } else {
                isoGainMap |= marker == 0xE2 && startsWith(data, ISO_GAIN_MAP_HEADER);
                if (copiedBytes + data.length > MAX_COPIED_SEGMENT_BYTES) {
                    dropped.add("APP" + (marker - 0xE0) + " segment of " + data.length + " bytes: the segments"
                            + " copied as they are would pass " + MAX_COPIED_SEGMENT_BYTES + " bytes");
                } else {
                    copiedBytes += data.length;
                    segments.add(new AppSegment(marker, data));
                }
            }
        }
        Xmp xmp = null;
        if (standardXmp != null) {
            try {
                xmp = Xmp.parse(standardXmp);
                xmp = extended.mergeInto(xmp, dropped);
            } catch (MalformedImageException e) {
                dropped.add("XMP packet: " + e.getMessage());
            }
        }
        byte[] icc = iccChunks == null ? null : joinIccChunks(r, iccChunks);
        boolean ultraHdr = isoGainMap || (xmp != null && xmp.has(Xmp.NS_HDRGM, "Version"));
        GainMap gainMap = null;
        if (followGainMap && ultraHdr && mpf != null) {
            gainMap = readGainMap(r, mpf, width, height, exif == null ? 1 : exif.orientation(), dropped);
        }
        return new PhotoMetadata(exif, icc, xmp, segments, gainMap, dropped);
    }

    /** The gain map the MPF index points at, or null (with the reason in {@code dropped}) when it is unusable. */
    private static GainMap readGainMap(StreamReader r, MpfIndex mpf, int width, int height, int orientation,
            List<String> dropped) throws IOException {
        long at = mpf.secondaryPosition();
        long size = mpf.secondarySize();
        try {
            if (width <= 0 || height <= 0) {
                throw r.malformed("the primary image has no frame header");
            }
            if (at < r.position()) {
                throw r.malformed("the MPF index puts the gain map at byte " + at + ", inside the primary image");
            }
            if (size < 4 || size > GainMap.MAX_BYTES) {
                throw r.malformed("the MPF index gives the gain map " + size + " bytes; must be 4.."
                        + GainMap.MAX_BYTES);
            }
            r.skip(at - r.position());
            byte[] jpeg = r.bytes((int) size);
            if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                throw r.malformed("the MPF index points at byte " + at + ", which starts no JPEG");
            }
            BaselineJpegDecoder.decode(jpeg, (long) width * height); // what the writer will need to do
            PhotoMetadata own = readJpeg(new StreamReader(new ByteArrayInputStream(jpeg, 2, jpeg.length - 2),
                    "JPEG gain map", 2), false);
            return new GainMap(jpeg, width, height, orientation, own.xmp(), own.appSegments());
        } catch (MalformedImageException e) {
            dropped.add("Ultra HDR gain map: " + e.getMessage());
            return null;
        }
    }

    private static byte[][] addIccChunk(StreamReader r, byte[][] chunks, byte[] segment) throws IOException {
        int seq = segment[ICC_HEADER.length] & 0xFF;
        int count = segment[ICC_HEADER.length + 1] & 0xFF;
        if (count == 0 || seq == 0 || seq > count) {
            throw r.malformed("ICC_PROFILE chunk " + seq + " of " + count);
        }
        if (chunks == null) {
            chunks = new byte[count][];
        } else if (chunks.length != count) {
            throw r.malformed("ICC_PROFILE chunks disagree on their count: " + chunks.length + " and " + count);
        }
        if (chunks[seq - 1] != null) {
            throw r.malformed("ICC_PROFILE chunk " + seq + " appears twice");
        }
        chunks[seq - 1] = Arrays.copyOfRange(segment, ICC_HEADER.length + 2, segment.length);
        return chunks;
    }

    private static byte[] joinIccChunks(StreamReader r, byte[][] chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == null) {
                throw r.malformed("ICC_PROFILE chunk " + (i + 1) + " of " + chunks.length + " is missing");
            }
            out.write(chunks[i], 0, chunks[i].length);
        }
        if (out.size() == 0) {
            throw r.malformed("ICC_PROFILE is empty");
        }
        return out.toByteArray();
    }

    private static PhotoMetadata readPng(StreamReader r) throws IOException {
        byte[] rest = r.bytes(PNG_SIGNATURE.length - 2);
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] != PNG_SIGNATURE[i + 2]) {
                throw r.malformed("bad PNG signature");
            }
        }
        Exif exif = null;
        byte[] icc = null;
        Xmp xmp = null;
        List<String> dropped = new ArrayList<>();
        boolean first = true;
        while (true) {
            long length = r.u32be();
            if (length > Integer.MAX_VALUE) {
                throw r.malformed("chunk length " + length + " exceeds 2^31-1");
            }
            byte[] type = r.bytes(4);
            for (byte t : type) {
                if (!((t >= 'A' && t <= 'Z') || (t >= 'a' && t <= 'z'))) {
                    throw r.malformed("chunk type is not four letters");
                }
            }
            String name = new String(type, StandardCharsets.US_ASCII);
            if (first != name.equals("IHDR")) {
                throw r.malformed(first ? "first chunk is " + name + ", not IHDR" : "second IHDR chunk");
            }
            first = false;
            if (name.equals("IDAT") || name.equals("IEND")) {
                break; // metadata we carry must precede the image data
            }
            boolean isExif = name.equals("eXIf");
            boolean isIcc = name.equals("iCCP");
            boolean isText = name.equals("iTXt");
            if ((isExif && exif == null) || (isIcc && icc == null) || (isText && xmp == null)) {
                long bound = isExif ? Exif.MAX_BYTES : isIcc ? PhotoMetadata.MAX_ICC_BYTES + 81L : Xmp.MAX_BYTES;
                if (length > bound) {
                    throw r.malformed(name + " chunk of " + length + " bytes exceeds " + bound);
                }
                byte[] data = r.bytes((int) length);
                CRC32 crc = new CRC32();
                crc.update(type);
                crc.update(data);
                if (crc.getValue() != r.u32be()) {
                    throw r.malformed(name + " chunk CRC mismatch");
                }
                if (isExif) {
                    try {
                        exif = Exif.parse(data);
                    } catch (MalformedImageException e) {
                        dropped.add("EXIF block: " + e.getMessage());
                    }
                } else if (isIcc) {
                    icc = inflateIcc(r, data);
                } else if (startsWith(data, PNG_XMP_KEYWORD)) {
                    try {
                        xmp = Xmp.parse(pngText(r, data));
                    } catch (MalformedImageException e) {
                        dropped.add("XMP packet: " + e.getMessage());
                    }
                }
            } else {
                r.skip(length + 4);
            }
        }
        return new PhotoMetadata(exif, icc, xmp, new ArrayList<AppSegment>(), null, dropped);
    }

    /** The text of an iTXt chunk: keyword NUL, compression flag and method, language NUL, keyword NUL, text. */
    private static byte[] pngText(StreamReader r, byte[] chunk) throws IOException {
        int at = PNG_XMP_KEYWORD.length;
        if (chunk.length < at + 2) {
            throw r.malformed("iTXt chunk ends before its compression flag");
        }
        int flag = chunk[at];
        int method = chunk[at + 1];
        at += 2;
        for (int field = 0; field < 2; field++) { // language tag, translated keyword
            while (at < chunk.length && chunk[at] != 0) {
                at++;
            }
            if (at++ >= chunk.length) {
                throw r.malformed("iTXt chunk ends inside its language or keyword field");
            }
        }
        byte[] text = Arrays.copyOfRange(chunk, at, chunk.length);
        if (flag == 0) {
            return text;
        }
        if (flag != 1 || method != 0) {
            throw r.malformed("iTXt compression flag " + flag + " method " + method + " is not 0 or zlib");
        }
        return inflate(r, text, 0, Xmp.MAX_BYTES, "iTXt");
    }

    /** iCCP: a 1-79 byte Latin-1 name, NUL, compression method 0, then a zlib stream. */
    private static byte[] inflateIcc(StreamReader r, byte[] chunk) throws IOException {
        int nul = 0;
        while (nul < chunk.length && chunk[nul] != 0) {
            nul++;
        }
        if (nul == 0 || nul > 79 || nul + 2 > chunk.length) {
            throw r.malformed("iCCP profile name is missing, too long or unterminated");
        }
        if (chunk[nul + 1] != 0) {
            throw r.malformed("iCCP compression method " + chunk[nul + 1] + " is not 0 (zlib)");
        }
        return inflate(r, chunk, nul + 2, PhotoMetadata.MAX_ICC_BYTES, "iCCP profile");
    }

    /** Inflates a zlib stream of at most {@code limit} bytes; empty, corrupt or bigger is malformed. */
    private static byte[] inflate(StreamReader r, byte[] data, int from, int limit, String what) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, from, data.length - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw r.malformed(what + " zlib stream is truncated or needs a dictionary");
                }
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw r.malformed(what + " inflates past " + limit + " bytes");
                }
            }
            if (out.size() == 0) {
                throw r.malformed(what + " is empty");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw r.malformed(what + " zlib stream is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static PhotoMetadata readWebp(StreamReader r) throws IOException {
        byte[] riff = r.bytes(2);
        if (riff[0] != 'F' || riff[1] != 'F') {
            throw r.malformed("not a RIFF file");
        }
        long riffSize = r.u32le();
        byte[] form = r.bytes(4);
        if (!new String(form, StandardCharsets.US_ASCII).equals("WEBP")) {
            throw r.malformed("RIFF form is not WEBP");
        }
        long end = 8 + riffSize;
        Exif exif = null;
        byte[] icc = null;
        Xmp xmp = null;
        List<String> dropped = new ArrayList<>();
        while (r.position() + 8 <= end) {
            String name = fourCc(r.bytes(4));
            long size = r.u32le();
            long padded = size + (size & 1);
            if (r.position() + padded > end) {
                throw r.malformed(name + " chunk of " + size + " bytes runs past the RIFF size " + riffSize);
            }
            if (name.equals("EXIF") && exif == null) {
                if (size > Exif.MAX_BYTES) {
                    throw r.malformed("EXIF chunk of " + size + " bytes exceeds " + Exif.MAX_BYTES);
                }
                byte[] data = r.bytes((int) size);
                try {
                    // Some writers keep the JPEG "Exif\0\0" prefix in the chunk.
                    exif = Exif.parse(startsWith(data, EXIF_HEADER) && data.length >= 6
                            ? Arrays.copyOfRange(data, 6, data.length) : data);
                } catch (MalformedImageException e) {
                    dropped.add("EXIF block: " + e.getMessage());
                }
                r.skip(padded - size);
            } else if (name.equals("XMP ") && xmp == null) {
                if (size > Xmp.MAX_BYTES) {
                    throw r.malformed("XMP chunk of " + size + " bytes exceeds " + Xmp.MAX_BYTES);
                }
                byte[] data = r.bytes((int) size);
                try {
                    xmp = Xmp.parse(data);
                } catch (MalformedImageException e) {
                    dropped.add("XMP packet: " + e.getMessage());
                }
                r.skip(padded - size);
            } else if (name.equals("ICCP") && icc == null) {
                if (size == 0 || size > PhotoMetadata.MAX_ICC_BYTES) {
                    throw r.malformed("ICCP chunk of " + size + " bytes; must be 1.." + PhotoMetadata.MAX_ICC_BYTES);
                }
                icc = r.bytes((int) size);
                r.skip(padded - size);
            } else {
                r.skip(padded);
            }
        }
        return new PhotoMetadata(exif, icc, xmp, new ArrayList<AppSegment>(), null, dropped);
    }

    /** A RIFF chunk name, fit for an error message: unprintable bytes become '?'. */
    private static String fourCc(byte[] name) {
        StringBuilder s = new StringBuilder(4);
        for (byte b : name) {
            s.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return s.toString();
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The chunks of JPEG extended XMP (APP1 "http://ns.adobe.com/xmp/extension/"), grouped by their GUID. */
    private static final class ExtendedXmp {
        private final java.util.Map<String, List<long[]>> chunks = new java.util.HashMap<>();
        private final java.util.Map<String, List<byte[]>> data = new java.util.HashMap<>();
        private final java.util.Map<String, Long> lengths = new java.util.HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long held;

        void add(StreamReader r, byte[] segment) {
            int at = EXTENDED_XMP_HEADER.length;
            if (segment.length < at + 40) {
                problems.add("an extended XMP segment of " + segment.length + " bytes has no GUID and offsets");
                return;
            }
            String guid = new String(segment, at, 32, StandardCharsets.US_ASCII);
            long full = u32(segment, at + 32);
            long offset = u32(segment, at + 36);
            int n = segment.length - at - 40;
            Long known = lengths.get(guid);
            if (full > Xmp.MAX_BYTES || offset + n > full || (known != null && known != full)
                    || held + n > Xmp.MAX_BYTES) {
                problems.add("extended XMP chunk at " + offset + " of " + n + " bytes does not fit its packet of "
                        + full + " bytes");
                return;
            }
            held += n;
            lengths.put(guid, full);
            chunks.computeIfAbsent(guid, g -> new ArrayList<>()).add(new long[] {offset, n});
            data.computeIfAbsent(guid, g -> new ArrayList<>()).add(Arrays.copyOfRange(segment, at + 40,
                    segment.length));
        }

        /** The standard packet with the extended one it names merged in; problems go to {@code dropped}. */
        Xmp mergeInto(Xmp standard, List<String> dropped) {
            String guid = standard.value(Xmp.NS_XMP_NOTE, "HasExtendedXMP");
            if (guid == null) {
                if (!chunks.isEmpty() || !problems.isEmpty()) {
                    dropped.add("extended XMP: the main packet names none, so its chunks are unused");
                }
                return standard;
            }
            dropped.addAll(problems);
            List<long[]> parts = chunks.get(guid);
            if (parts == null) {
                dropped.add("extended XMP " + guid + ": no chunk carries it");
                return standard.without(Xmp.NS_XMP_NOTE, "HasExtendedXMP");
            }
            int full = (int) (long) lengths.get(guid);
            byte[] packet = new byte[full];
            List<byte[]> bytes = data.get(guid);
            Integer[] order = new Integer[parts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(parts.get(x)[0], parts.get(y)[0]));
            long filled = 0;
            for (int i : order) {
                long[] p = parts.get(i);
                if (p[0] != filled) {
                    break;
                }
                System.arraycopy(bytes.get(i), 0, packet, (int) p[0], (int) p[1]);
                filled += p[1];
            }
            try {
                if (filled != full) {
                    throw new MalformedImageException("chunks cover " + filled + " of its " + full + " bytes");
                }
                return standard.merge(Xmp.parse(packet));
            } catch (MalformedImageException e) {
                dropped.add("extended XMP " + guid + ": " + e.getMessage());
                return standard.without(Xmp.NS_XMP_NOTE, "HasExtendedXMP");
            }
        }

        private static long u32(byte[] b, int at) {
            return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                    | (b[at + 3] & 0xFF);
        }
    }
}
