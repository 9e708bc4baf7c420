package io.clarity.models.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * What a file is, from its first bytes, so that a photo Java cannot decode gets a message naming its format and
 * what to do instead of ImageIO's "no reader". HEIC is the default camera format of iPhones and many Android phones.
 */
enum PhotoFormat {
    JPEG(true, null),
    PNG(true, null),
    BMP(true, null),
    GIF(true, null),
    TIFF(true, null),
    HEIF(false, "HEIC/HEIF photo, which Java cannot decode: convert it to JPEG first (e.g. `heif-convert IN.heic OUT.jpg` "
            + "from libheif-examples), or set the phone's camera to \"Most Compatible\" / JPEG"),
    AVIF(false, "AVIF image, which Java cannot decode: convert it to JPEG or PNG first (e.g. `avifdec IN.avif OUT.png`)"),
    WEBP(false, "WebP image, which Java cannot decode: convert it to PNG first (e.g. `dwebp IN.webp -o OUT.png`)"),
    JPEG_XL(false, "JPEG XL image, which Java cannot decode: convert it first (e.g. `djxl IN.jxl OUT.png`)"),
    UNKNOWN(false, "not a JPEG, PNG, BMP, GIF or TIFF image");

    /** ISO-BMFF brands of HEIF stills and sequences (ISO/IEC 23008-12). */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    final boolean decodable;
    /** For an undecodable format: what it is and what to do. */
    final String advice;

    PhotoFormat(boolean decodable, String advice) {
        this.decodable = decodable;
        this.advice = advice;
    }

    static PhotoFormat of(Path file) throws IOException {
        byte[] head = new byte[32];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return of(Arrays.copyOf(head, n));
    }

    static PhotoFormat of(byte[] b) {
        if (starts(b, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return PNG;
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (starts(b, 'B', 'M')) {
            return BMP;
        }
        if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return WEBP;
        }
        if (starts(b, 0xff, 0x0a) || (b.length >= 12 && ascii(b, 4, 4).equals("JXL "))) {
            return JPEG_XL;
        }
        if (b.length >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            // the major brand, then compatible brands up to the end of the box (within what was read)
            int boxEnd = Math.min(b.length, ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
            for (int at = 8; at + 4 <= boxEnd; at += at == 8 ? 8 : 4) {
                String brand = ascii(b, at, 4);
                if (brand.equals("avif") || brand.equals("avis")) {
                    return AVIF;
                }
                if (HEIF_BRANDS.contains(brand)) {
                    return HEIF;
                }
            }
        }
        return UNKNOWN;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
