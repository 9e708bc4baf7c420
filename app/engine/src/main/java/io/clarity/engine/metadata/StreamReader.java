package io.clarity.engine.metadata;

import java.io.IOException;
import java.io.InputStream;

/** Reads a container format from a stream, counting the position for error messages; EOF is malformed input. */
final class StreamReader {
    private final InputStream in;
    private final String format;
    private long position;

    /** {@code position} is how many bytes of the file were consumed before this reader took over. */
    StreamReader(InputStream in, String format, long position) {
        this.in = in;
        this.format = format;
        this.position = position;
    }

    long position() {
        return position;
    }

    MalformedImageException malformed(String what) {
        return new MalformedImageException(format + ": " + what + " (at byte " + position + ")");
    }

    int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw malformed("truncated");
        }
        position++;
        return b;
    }

    int u16be() throws IOException {
        return (u8() << 8) | u8();
    }

    long u32be() throws IOException {
        return ((long) u16be() << 16) | u16be();
    }

    long u32le() throws IOException {
        long a = u8();
        long b = u8();
        long c = u8();
        long d = u8();
        return a | (b << 8) | (c << 16) | (d << 24);
    }

    /** Reads exactly {@code n} bytes; callers bound {@code n} before calling. */
    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int r = in.read(out, done, n - done);
            if (r < 0) {
                throw malformed("truncated: " + (n - done) + " of " + n + " bytes missing");
            }
            done += r;
            position += r;
        }
        return out;
    }

    /** Skips exactly {@code n} bytes, reading through them so a lying length cannot spin or seek past the end. */
    void skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (r < 0) {
                throw malformed("truncated: " + left + " bytes of a " + n + "-byte block missing");
            }
            left -= r;
            position += r;
        }
    }
}
