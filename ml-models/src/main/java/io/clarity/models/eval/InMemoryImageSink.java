package io.clarity.models.eval;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ImageSink;

/** Collects the engine's output bands into one image. */
public final class InMemoryImageSink implements ImageSink {
    private ArgbImage image;
    private int rows;
    private boolean finished;

    @Override
    public void start(int width, int height, boolean hasAlpha) {
        image = new ArgbImage(width, height);
        rows = 0;
        finished = false;
    }

    @Override
    public void writeRows(ArgbImage band) {
        if (band.width() != image.width() || rows + band.height() > image.height()) {
            throw new IllegalStateException("band " + band.width() + "x" + band.height() + " does not fit at row " + rows);
        }
        System.arraycopy(band.pixels(), 0, image.pixels(), rows * image.width(), band.pixels().length);
        rows += band.height();
    }

    @Override
    public void finish() {
        if (rows != image.height()) {
            throw new IllegalStateException("finished after " + rows + " of " + image.height() + " rows");
        }
        finished = true;
    }

    @Override
    public void abort() {
        image = null;
        finished = false;
    }

    /** The finished image; an error before {@link #finish()}. */
    public ArgbImage image() {
        if (!finished) {
            throw new IllegalStateException("no finished image");
        }
        return image;
    }
}
