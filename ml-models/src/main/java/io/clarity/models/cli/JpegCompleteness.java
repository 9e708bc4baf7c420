package io.clarity.models.cli;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a JPEG file reaches its EOI marker. ImageIO decodes a truncated JPEG without an error (it only
 * warns and fills the missing rows with gray), so the CLI checks the marker structure before it upscales.
 */
final class JpegCompleteness {
    private JpegCompleteness() {
    }

    /** True when the file does not start like a JPEG (someone else judges it) or reaches EOI. */
    static boolean isComplete(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (in.read() != 0xff || in.read() != 0xd8) {
                return true;
            }
            int marker = nextMarker(in);
            while (marker != 0xd9) {
                if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                    marker = nextMarker(in); // no length field
                    continue;
                }
                int length = (read(in) << 8) | read(in);
                skip(in, length - 2);
                // After a start-of-scan header comes entropy-coded data, which ends at the next real marker.
                marker = marker == 0xda ? skipEntropyCodedData(in) : nextMarker(in);
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    /** Skips scan data; returns the marker that ends it (not RSTn, not a stuffed 0xFF00). */
    private static int skipEntropyCodedData(InputStream in) throws IOException {
        while (true) {
            int b = read(in);
            if (b != 0xff) {
                continue;
            }
            int m = read(in);
            while (m == 0xff) {
                m = read(in);
            }
            if (m != 0x00 && !(m >= 0xd0 && m <= 0xd7)) {
                return m;
            }
        }
    }

    private static int nextMarker(InputStream in) throws IOException {
        int b = read(in);
        while (b != 0xff) {
            b = read(in); // tolerate junk between segments, as decoders do
        }
        int m = read(in);
        while (m == 0xff) {
            m = read(in);
        }
        return m;
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static void skip(InputStream in, long n) throws IOException {
        if (n < 0) {
            throw new EOFException();
        }
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                read(in);
                skipped = 1;
            }
            n -= skipped;
        }
    }
}
