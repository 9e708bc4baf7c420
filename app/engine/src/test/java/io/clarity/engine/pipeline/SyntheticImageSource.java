package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSource;

/** A procedural image of any size (smooth gradients with some texture) that never exists in memory whole. */
final class SyntheticImageSource implements ImageSource {
    private final int width;
    private final int height;

    SyntheticImageSource(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public boolean hasAlpha() {
        return false;
    }

    @Override
    public ArgbImage read(Region region) {
        ArgbImage out = new ArgbImage(region.width(), region.height());
        for (int y = 0; y < region.height(); y++) {
            int gy = region.y() + y;
            for (int x = 0; x < region.width(); x++) {
                int gx = region.x() + x;
                int r = (gx * 255 / Math.max(1, width - 1)) & 0xff;
                int g = (gy * 255 / Math.max(1, height - 1)) & 0xff;
                int b = ((gx ^ gy) * 7 + (gx * gy >> 5)) & 0xff;
                out.pixels()[y * region.width() + x] = 0xff000000 | r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
