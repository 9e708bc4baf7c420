package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ImageSink;

/** Collects the output in memory and checks the sink protocol: start, rows in order, then finish or abort. */
final class FakeImageSink implements ImageSink {
    ArgbImage image;
    boolean hasAlpha;
    int rowsWritten;
    boolean finished;
    boolean aborted;

    @Override
    public void start(int width, int height, boolean hasAlpha) {
        if (image != null) {
            throw new IllegalStateException("started twice");
        }
        this.image = new ArgbImage(width, height);
        this.hasAlpha = hasAlpha;
    }

    @Override
    public void writeRows(ArgbImage band) {
        if (band.width() != image.width() || rowsWritten + band.height() > image.height()) {
            throw new IllegalStateException("band " + band.width() + "x" + band.height() + " does not fit at row " + rowsWritten);
        }
        System.arraycopy(band.pixels(), 0, image.pixels(), rowsWritten * image.width(), band.pixels().length);
        rowsWritten += band.height();
    }

    @Override
    public void finish() {
        if (rowsWritten != image.height()) {
            throw new IllegalStateException("finished after " + rowsWritten + " of " + image.height() + " rows");
        }
        finished = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
