package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;

import java.io.IOException;

/**
 * An image the engine reads by regions, so a 50 MP photo never has to sit in memory whole.
 * Android backs it with BitmapRegionDecoder, the desktop with ImageIO. Orientation is already applied:
 * width, height and regions are in display coordinates.
 */
public interface ImageSource extends AutoCloseable {
    int width();

    int height();

    boolean hasAlpha();

    /** Decodes one region; the region lies inside the image. */
    ArgbImage read(Region region) throws IOException;

    @Override
    void close() throws IOException;
}
