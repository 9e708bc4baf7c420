package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;

import java.io.IOException;

/**
 * Receives finished output rows, top to bottom, in bands. Either {@link #finish()} commits the output or
 * {@link #abort()} discards it: a sink never leaves a half-written file behind.
 */
public interface ImageSink {
    void start(int width, int height, boolean hasAlpha) throws IOException;

    /** The next rows of the image; {@code band.width()} equals the width given to start. */
    void writeRows(ArgbImage band) throws IOException;

    void finish() throws IOException;

    /** Discards everything written; safe to call at any point, also after a failure. */
    void abort();
}
