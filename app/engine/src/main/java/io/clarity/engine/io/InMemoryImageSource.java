package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;

/** An image already in memory, served by regions: small images (benchmarks, tests) need no decoder. */
public final class InMemoryImageSource implements ImageSource {
    private final ArgbImage image;
    private final boolean alpha;

    public InMemoryImageSource(ArgbImage image, boolean alpha) {
        this.image = image;
        this.alpha = alpha;
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
        return alpha;
    }

    @Override
    public ArgbImage read(Region region) {
        if (region.x() < 0 || region.y() < 0 || region.x() + region.width() > image.width()
                || region.y() + region.height() > image.height()) {
            throw new IllegalArgumentException(region + " lies outside " + image.width() + "x" + image.height());
        }
        ArgbImage out = new ArgbImage(region.width(), region.height());
        for (int y = 0; y < region.height(); y++) {
            System.arraycopy(image.pixels(), (region.y() + y) * image.width() + region.x(), out.pixels(),
                    y * region.width(), region.width());
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held
    }
}
