package io.clarity.app.platform;

import android.content.ContentResolver;
import android.net.Uri;
import android.os.Build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one table of what a job can decode: every job (and the viewer) reads photos through
 * {@link android.graphics.BitmapRegionDecoder}, which opens JPEG, PNG and WebP on every supported API level and HEIF
 * from API 28 (Android 9), and nothing else. {@code BitmapFactory} opens more (GIF, BMP, raw DNG through the
 * platform, AVIF from Android 12, HEIF on some Android 8 builds), so the options screen asks this class, not
 * {@code BitmapFactory}, whether a photo can be enhanced. The format is read from the file's first bytes, not from
 * its name or the provider's MIME type.
 */
public final class RegionDecodableFormats {
    /** What a file's first bytes say it is. */
    public enum Format { JPEG, PNG, WEBP, HEIF, AVIF, GIF, BMP, TIFF_RAW, ICO, UNKNOWN }

    /** The first API level whose region decoder opens HEIF. */
    static final int HEIF_SINCE = Build.VERSION_CODES.P;

    private RegionDecodableFormats() {
    }

    /** Whether a job can decode {@code format} on this phone. */
    public static boolean canDecode(Format format) {
        return canDecode(format, Build.VERSION.SDK_INT);
    }

    static boolean canDecode(Format format, int sdk) {
        switch (format) {
            case JPEG:
            case PNG:
            case WEBP:
                return true;
            case HEIF:
                return sdk >= HEIF_SINCE;
            default:
                return false;
        }
    }

    /** The format of the photo behind {@code uri}, from its first bytes. */
    public static Format read(ContentResolver resolver, Uri uri) throws IOException {
        try (InputStream in = resolver.openInputStream(uri)) {
            if (in == null) {
                throw new IOException("no data behind " + uri);
            }
            byte[] head = new byte[64];
            int n = 0;
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
            return sniff(head, n);
        }
    }

    static Format sniff(byte[] b, int n) {
        if (n >= 3 && u(b, 0) == 0xFF && u(b, 1) == 0xD8 && u(b, 2) == 0xFF) {
            return Format.JPEG;
        }
        if (n >= 8 && u(b, 0) == 0x89 && ascii(b, 1, 3).equals("PNG")) {
            return Format.PNG;
        }
        if (n >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return Format.WEBP;
        }
        if (n >= 6 && ascii(b, 0, 4).equals("GIF8")) {
            return Format.GIF;
        }
        if (n >= 2 && ascii(b, 0, 2).equals("BM")) {
            return Format.BMP;
        }
        if (n >= 4 && (ascii(b, 0, 4).equals("II*\0") || ascii(b, 0, 4).equals("MM\0*"))) {
            return Format.TIFF_RAW; // DNG and most camera raw formats are TIFF inside
        }
        if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0) {
            return Format.ICO;
        }
        if (n >= 16 && ascii(b, 4, 4).equals("ftyp")) {
            return isoBrand(b, n);
        }
        return Format.UNKNOWN;
    }

    /** HEIF and AVIF share the ISO box layout: the ftyp box's brands tell them apart (AVIF wins when both appear). */
    private static Format isoBrand(byte[] b, int n) {
        long box = (long) u(b, 0) << 24 | u(b, 1) << 16 | u(b, 2) << 8 | u(b, 3);
        int end = (int) Math.min(n, Math.max(16, box));
        boolean heif = false;
        for (int at = 8; at + 4 <= end; at += at == 8 ? 8 : 4) { // major brand, minor version, compatible brands
            String brand = ascii(b, at, 4);
            if (brand.equals("avif") || brand.equals("avis")) {
                return Format.AVIF;
            }
            heif |= brand.equals("heic") || brand.equals("heix") || brand.equals("hevc") || brand.equals("hevx")
                    || brand.equals("heim") || brand.equals("heis") || brand.equals("mif1") || brand.equals("msf1");
        }
        return heif ? Format.HEIF : Format.UNKNOWN;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
