package io.clarity.engine.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the EXIF block and ICC profile of a JPEG, PNG or WebP file (a BMP has neither) from untrusted bytes,
 * without decoding pixels. JPEG and PNG are read only up to the image data.
 */
public final class PhotoMetadataReader {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0};
    private static final byte[] ICC_HEADER = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

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
        if (b0 == 'B' && b1 == 'M') {
            return PhotoMetadata.NONE;
        }
        throw new MalformedImageException("not a JPEG, PNG, WebP or BMP file");
    }

    private static PhotoMetadata readJpeg(StreamReader r) throws IOException {
        Exif exif = null;
        byte[][] iccChunks = null;
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
            if (marker == 0xE1 && exif == null && payload >= 6) {
                byte[] data = r.bytes(payload);
                if (startsWith(data, EXIF_HEADER)) {
                    exif = Exif.parse(java.util.Arrays.copyOfRange(data, 6, data.length));
                }
            } else if (marker == 0xE2 && payload >= ICC_HEADER.length + 2) {
                byte[] data = r.bytes(payload);
                if (startsWith(data, ICC_HEADER)) {
                    iccChunks = addIccChunk(r, iccChunks, data);
                }
            } else {
                r.skip(payload);
            }
        }
        return new PhotoMetadata(exif, iccChunks == null ? null : joinIccChunks(r, iccChunks));
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
        chunks[seq - 1] = java.util.Arrays.copyOfRange(segment, ICC_HEADER.length + 2, segment.length);
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
            if ((isExif && exif == null) || (isIcc && icc == null)) {
                long bound = isExif ? Exif.MAX_BYTES : PhotoMetadata.MAX_ICC_BYTES + 81L;
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
                    exif = Exif.parse(data);
                } else {
                    icc = inflateIcc(r, data);
                }
            } else {
                r.skip(length + 4);
            }
        }
        return new PhotoMetadata(exif, icc);
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
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(chunk, nul + 2, chunk.length - nul - 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw r.malformed("iCCP zlib stream is truncated or needs a dictionary");
                }
                out.write(buf, 0, n);
                if (out.size() > PhotoMetadata.MAX_ICC_BYTES) {
                    throw r.malformed("iCCP profile inflates past " + PhotoMetadata.MAX_ICC_BYTES + " bytes");
                }
            }
            if (out.size() == 0) {
                throw r.malformed("iCCP profile is empty");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw r.malformed("iCCP zlib stream is corrupt: " + e.getMessage());
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
                // Some writers keep the JPEG "Exif\0\0" prefix in the chunk.
                exif = Exif.parse(startsWith(data, EXIF_HEADER) && data.length >= 6
                        ? java.util.Arrays.copyOfRange(data, 6, data.length) : data);
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
        return new PhotoMetadata(exif, icc);
    }

    /** A RIFF chunk name, fit for an error message: unprintable bytes become '?'. */
    private static String fourCc(byte[] name) {
        StringBuilder s = new StringBuilder(4);
        for (byte b : name) {
            s.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return s.toString();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
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
}
