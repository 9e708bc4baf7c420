package io.clarity.engine.metadata;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Copies a finished JPEG or PNG without the photo's location, for a copy that leaves the phone (a share): the EXIF
 * GPS directory and XMP's exif:GPS* properties go, every other byte (pixels, ICC, other segments, an Ultra HDR gain
 * map after the primary image) is copied as it is. An EXIF block or XMP packet that does not parse is left out
 * whole rather than copied with a location in it.
 *
 * <p>An Ultra HDR file's MPF index stays right: its offsets count from the MPF segment, which comes after the APP1
 * segments this rewrites, so the gain map moves with it.
 */
public final class LocationFreeCopy {
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private LocationFreeCopy() {
    }

    /**
     * Writes {@code in} (a JPEG or PNG, from its first byte) to {@code out} without location.
     *
     * @return whether a location was found and left out
     * @throws MalformedImageException when {@code in} is neither, or its structure is broken before the image data
     */
    public static boolean copy(InputStream in, OutputStream out) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.read();
        int b1 = data.read();
        if (b0 == 0xFF && b1 == 0xD8) {
            return jpeg(data, new DataOutputStream(out));
        }
        if (b0 == 0x89 && b1 == 'P') {
            return png(data, new DataOutputStream(out));
        }
        throw new MalformedImageException("not a JPEG or PNG file");
    }

    private static boolean jpeg(DataInputStream in, DataOutputStream out) throws IOException {
        out.write(0xFF);
        out.write(0xD8);
        boolean removed = false;
        while (true) {
            int b = in.read();
            if (b != 0xFF) {
                throw new MalformedImageException("JPEG: expected a marker, found " + (b < 0 ? "the end" : "0x" + Integer.toHexString(b)));
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0xDA || marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(0xFF);
                out.write(marker);
                if (marker == 0xDA || marker == 0xD9) {
                    copyRest(in, out); // the scan and whatever follows it (a gain map), byte for byte
                    out.flush();
                    return removed;
                }
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new MalformedImageException("JPEG: segment length " + length + " is less than 2");
            }
            byte[] payload = new byte[length - 2];
            in.readFully(payload);
            byte[] kept = payload;
            if (marker == 0xE1 && PhotoMetadataReader.startsWith(payload, EXIF_HEADER)) {
                kept = exifSegment(payload);
            } else if (marker == 0xE1 && PhotoMetadataReader.startsWith(payload, PhotoMetadataReader.XMP_HEADER)) {
                kept = xmpSegment(payload);
            }
            if (kept != payload) {
                removed = true;
            }
            if (kept != null) {
                out.write(0xFF);
                out.write(marker);
                out.writeShort(kept.length + 2);
                out.write(kept);
            }
        }
    }

    /** The APP1 EXIF payload without GPS; the same array when it had none; null when it does not parse. */
    private static byte[] exifSegment(byte[] payload) {
        try {
            Exif exif = Exif.parse(Arrays.copyOfRange(payload, EXIF_HEADER.length, payload.length));
            if (!exif.hasLocation()) {
                return payload;
            }
            byte[] tiff = exif.withoutLocation().toTiffBytes();
            byte[] out = Arrays.copyOf(EXIF_HEADER, EXIF_HEADER.length + tiff.length);
            System.arraycopy(tiff, 0, out, EXIF_HEADER.length, tiff.length);
            return out;
        } catch (MalformedImageException e) {
            return null;
        }
    }

    private static byte[] xmpSegment(byte[] payload) {
        byte[] header = PhotoMetadataReader.XMP_HEADER;
        try {
            Xmp xmp = Xmp.parse(Arrays.copyOfRange(payload, header.length, payload.length));
            if (!xmp.hasLocation()) {
                return payload;
            }
            byte[] packet = xmp.withoutLocation().packet();
            byte[] out = Arrays.copyOf(header, header.length + packet.length);
            System.arraycopy(packet, 0, out, header.length, packet.length);
            return out;
        } catch (MalformedImageException e) {
            return null;
        }
    }

    private static boolean png(DataInputStream in, DataOutputStream out) throws IOException {
        byte[] rest = new byte[PNG_SIGNATURE.length - 2];
        in.readFully(rest);
        if (!Arrays.equals(rest, Arrays.copyOfRange(PNG_SIGNATURE, 2, PNG_SIGNATURE.length))) {
            throw new MalformedImageException("PNG: bad signature");
        }
        out.write(PNG_SIGNATURE);
        boolean removed = false;
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                throw new MalformedImageException("PNG: ends before IEND");
            }
            if (length < 0) {
                throw new MalformedImageException("PNG: chunk length " + Integer.toUnsignedString(length) + " is too large");
            }
            byte[] type = new byte[4];
            in.readFully(type);
            String name = new String(type, StandardCharsets.US_ASCII);
            if (name.equals("IDAT") || name.equals("IEND")) {
                // Image data from here on: copied through without holding it in memory.
                out.writeInt(length);
                out.write(type);
                copyRest(in, out);
                out.flush();
                return removed;
            }
            byte[] data = new byte[length];
            in.readFully(data);
            int crc = in.readInt();
            byte[] kept = data;
            if (name.equals("eXIf")) {
                kept = pngExif(data);
            } else if (name.equals("iTXt") && PhotoMetadataReader.startsWith(data, PhotoMetadataReader.PNG_XMP_KEYWORD)) {
                kept = pngXmp(data);
            }
            if (kept == data) {
                out.writeInt(length);
                out.write(type);
                out.write(data);
                out.writeInt(crc);
                continue;
            }
            removed = true;
            if (kept != null) {
                CRC32 c = new CRC32();
                c.update(type);
                c.update(kept);
                out.writeInt(kept.length);
                out.write(type);
                out.write(kept);
                out.writeInt((int) c.getValue());
            }
        }
    }

    private static byte[] pngExif(byte[] tiff) {
        try {
            Exif exif = Exif.parse(tiff);
            return exif.hasLocation() ? exif.withoutLocation().toTiffBytes() : tiff;
        } catch (MalformedImageException e) {
            return null;
        }
    }

    /** iTXt: keyword\0, compression flag, method, language\0, translated keyword\0, text. Compressed: left out. */
    private static byte[] pngXmp(byte[] chunk) {
        int p = PhotoMetadataReader.PNG_XMP_KEYWORD.length;
        if (p + 2 > chunk.length || chunk[p] != 0) {
            return null;
        }
        int language = indexOf(chunk, p + 2);
        int translated = language < 0 ? -1 : indexOf(chunk, language + 1);
        if (translated < 0) {
            return null;
        }
        byte[] head = Arrays.copyOf(chunk, translated + 1);
        try {
            Xmp xmp = Xmp.parse(Arrays.copyOfRange(chunk, translated + 1, chunk.length));
            if (!xmp.hasLocation()) {
                return chunk;
            }
            byte[] text = xmp.withoutLocation().bytes();
            byte[] out = Arrays.copyOf(head, head.length + text.length);
            System.arraycopy(text, 0, out, head.length, text.length);
            return out;
        } catch (MalformedImageException e) {
            return null;
        }
    }

    /** InputStream.transferTo is newer than Android 8.0. */
    private static void copyRest(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
