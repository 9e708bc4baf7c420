package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;

import java.io.IOException;
import java.io.OutputStream;

/** The sink protocol shared by the streaming writers: start once, rows in order, then finish or abort. */
abstract class StreamingImageWriter implements ImageSink {
    private final OutputTarget target;
    private OutputStream out;
    private int width;
    private int height;
    private int rowsWritten;
    private boolean started;
    private boolean done;

    StreamingImageWriter(OutputTarget target) {
        this.target = target;
    }

    @Override
    public final void start(int width, int height, boolean hasAlpha) throws IOException {
        if (started) {
            throw new IllegalStateException("start called twice");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is empty");
        }
        checkSize(width, height);
        started = true;
        this.width = width;
        this.height = height;
        out = target.open();
        begin(out, width, height, hasAlpha);
    }

    @Override
    public final void writeRows(ArgbImage band) throws IOException {
        if (!started || done) {
            throw new IllegalStateException(started ? "writer already finished or aborted" : "start not called");
        }
        if (band.width() != width) {
            throw new IllegalArgumentException("band width " + band.width() + " is not the image width " + width);
        }
        if (band.height() > height - rowsWritten) {
            throw new IllegalArgumentException("band of " + band.height() + " rows overruns the image: "
                    + rowsWritten + " of " + height + " rows already written");
        }
        encodeRows(band);
        rowsWritten += band.height();
    }

    @Override
    public final void finish() throws IOException {
        if (!started || done) {
            throw new IllegalStateException(started ? "writer already finished or aborted" : "start not called");
        }
        if (rowsWritten != height) {
            throw new IllegalStateException("only " + rowsWritten + " of " + height + " rows were written");
        }
        end(out);
        out.close();
        done = true;
        afterClose(target);
        target.commit();
    }

    @Override
    public final void abort() {
        done = true;
        release();
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // The bytes are being discarded anyway.
            }
        }
        target.discard();
    }

    /** Rejects sizes the format cannot hold. */
    abstract void checkSize(int width, int height);

    abstract void begin(OutputStream out, int width, int height, boolean hasAlpha) throws IOException;

    abstract void encodeRows(ArgbImage band) throws IOException;

    abstract void end(OutputStream out) throws IOException;

    /** Patches what was written (see {@link OutputTarget#overwrite}) once the stream is closed. */
    void afterClose(OutputTarget target) throws IOException {
    }

    /** Frees native resources on abort; {@link #end} frees them on success. */
    void release() {
    }
}
