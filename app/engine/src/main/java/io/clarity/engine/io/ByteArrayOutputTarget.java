package io.clarity.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** An in-memory target (a gain map before it is appended, tests) that records whether it was committed. */
public final class ByteArrayOutputTarget implements OutputTarget {
    private ByteArrayOutputStream stream;
    private byte[] written;
    private byte[] committed;
    private boolean discarded;

    @Override
    public OutputStream open() {
        stream = new ByteArrayOutputStream();
        return stream;
    }

    @Override
    public void overwrite(long position, byte[] bytes) {
        if (written == null) {
            written = stream.toByteArray();
        }
        if (position < 0 || position + bytes.length > written.length) {
            throw new IllegalArgumentException("overwrite of " + bytes.length + " bytes at " + position
                    + " outside the " + written.length + " written");
        }
        System.arraycopy(bytes, 0, written, (int) position, bytes.length);
    }

    @Override
    public void commit() {
        committed = written != null ? written : stream.toByteArray();
    }

    @Override
    public void discard() {
        stream = null;
        written = null;
        discarded = true;
    }

    /** The committed bytes; null when nothing was committed. */
    public byte[] committed() {
        return committed;
    }

    public boolean discarded() {
        return discarded;
    }
}
