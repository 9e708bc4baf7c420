package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ImageSink;

/** Keeps nothing but the number of rows it received and a checksum, so it costs no memory. */
final class RowCountingSink implements ImageSink {
    int width;
    int height;
    long rows;
    long checksum;
    boolean finished;

    @Override
    public void start(int width, int height, boolean hasAlpha) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void writeRows(ArgbImage band) {
        rows += band.height();
        // Touch one pixel per row so the work cannot be optimised away.
        for (int y = 0; y < band.height(); y++) {
            checksum = checksum * 31 + band.pixels()[y * band.width() + (int) (rows % band.width())];
        }
    }

    @Override
    public void finish() {
        if (rows != height) {
            throw new IllegalStateException("got " + rows + " of " + height + " rows");
        }
        finished = true;
    }

    @Override
    public void abort() {
    }
}
