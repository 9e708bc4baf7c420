package io.clarity.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** An in-memory target that records whether the writer committed or discarded. */
public final class ByteArrayOutputTarget implements OutputTarget {
    private ByteArrayOutputStream stream;
    private byte[] committed;
    private boolean discarded;

    @Override
    public OutputStream open() {
        stream = new ByteArrayOutputStream();
        return stream;
    }

    @Override
    public void commit() {
        committed = stream.toByteArray();
    }

    @Override
    public void discard() {
        stream = null;
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
