package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;

/**
 * The EXIF orientation of a stored image: how to map display coordinates to stored ("raw") ones, so a region
 * source can decode only the stored region a display region needs and turn it upright.
 */
public final class Orientation {
    private final int value;
    private final int rawWidth;
    private final int rawHeight;

    /** @param exifValue EXIF Orientation 1..8 */
    public Orientation(int exifValue, int rawWidth, int rawHeight) {
        if (exifValue < 1 || exifValue > 8) {
            throw new IllegalArgumentException("EXIF orientation " + exifValue + " is outside 1..8");
        }
        this.value = exifValue;
        this.rawWidth = rawWidth;
        this.rawHeight = rawHeight;
    }

    /** Orientations 5..8 turn the image a quarter, swapping width and height. */
    public boolean swapsAxes() {
        return value >= 5;
    }

    public int displayWidth() {
        return swapsAxes() ? rawHeight : rawWidth;
    }

    public int displayHeight() {
        return swapsAxes() ? rawWidth : rawHeight;
    }

    private int rawX(int dx, int dy) {
        switch (value) {
            case 2: case 3: return rawWidth - 1 - dx;
            case 5: case 6: return dy;
            case 7: case 8: return rawWidth - 1 - dy;
            default: return dx;
        }
    }

    private int rawY(int dx, int dy) {
        switch (value) {
            case 3: case 4: return rawHeight - 1 - dy;
            case 5: case 8: return dx;
            case 6: case 7: return rawHeight - 1 - dx;
            default: return dy;
        }
    }

    /** The stored region holding exactly the pixels of a display region. */
    public Region toRaw(Region display) {
        int x0 = rawX(display.x(), display.y());
        int y0 = rawY(display.x(), display.y());
        int x1 = rawX(display.x() + display.width() - 1, display.y() + display.height() - 1);
        int y1 = rawY(display.x() + display.width() - 1, display.y() + display.height() - 1);
        return new Region(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 1, Math.abs(y1 - y0) + 1);
    }

    /** Turns the decoded stored region {@code toRaw(display)} into the upright display region. */
    public ArgbImage toDisplay(ArgbImage raw, Region display) {
        Region r = toRaw(display);
        if (raw.width() != r.width() || raw.height() != r.height()) {
            throw new IllegalArgumentException("raw block " + raw.width() + "x" + raw.height() + " is not " + r);
        }
        if (value == 1) {
            return raw;
        }
        ArgbImage out = new ArgbImage(display.width(), display.height());
        int[] src = raw.pixels();
        int[] dst = out.pixels();
        for (int y = 0; y < display.height(); y++) {
            for (int x = 0; x < display.width(); x++) {
                int dx = display.x() + x;
                int dy = display.y() + y;
                dst[y * display.width() + x] = src[(rawY(dx, dy) - r.y()) * r.width() + rawX(dx, dy) - r.x()];
            }
        }
        return out;
    }
}
