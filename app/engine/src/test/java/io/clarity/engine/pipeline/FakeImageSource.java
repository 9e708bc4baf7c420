package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.io.InMemoryImageSource;

/** An in-memory image that remembers the tallest region read and whether it was closed. */
final class FakeImageSource implements ImageSource {
    private final InMemoryImageSource image;
    int maxRowsRead;
    boolean closed;

    FakeImageSource(ArgbImage image, boolean alpha) {
        this.image = new InMemoryImageSource(image, alpha);
    }

    @Override
    public int width() {
        return image.width();
    }

    @Override
    public int height() {
        return image.height();
    }

    @Override
    public boolean hasAlpha() {
        return image.hasAlpha();
    }

    @Override
    public ArgbImage read(Region region) {
        ArgbImage out = image.read(region);
        maxRowsRead = Math.max(maxRowsRead, region.height());
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
