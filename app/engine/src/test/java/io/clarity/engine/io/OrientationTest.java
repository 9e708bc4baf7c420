package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

public class OrientationTest {
    /** Each EXIF orientation's upright image, built from plain flips and clockwise quarter turns (TIFF 6.0). */
    private static ArgbImage reference(ArgbImage raw, int orientation) {
        switch (orientation) {
            case 1: return raw;
            case 2: return flipHorizontal(raw);
            case 3: return rotateClockwise(rotateClockwise(raw));
            case 4: return flipHorizontal(rotateClockwise(rotateClockwise(raw)));
            case 5: return flipHorizontal(rotateClockwise(raw));
            case 6: return rotateClockwise(raw);
            case 7: return flipHorizontal(rotateClockwise(rotateClockwise(rotateClockwise(raw))));
            default: return rotateClockwise(rotateClockwise(rotateClockwise(raw)));
        }
    }

    @Test
    public void wholeImageMatchesReferenceForAllEightOrientations() {
        ArgbImage raw = numbered(5, 3);
        for (int o = 1; o <= 8; o++) {
            Orientation orientation = new Orientation(o, 5, 3);
            Region all = new Region(0, 0, orientation.displayWidth(), orientation.displayHeight());
            ArgbImage display = orientation.toDisplay(crop(raw, orientation.toRaw(all)), all);
            ArgbImage expected = reference(raw, o);
            assertEquals("orientation " + o, expected.width(), display.width());
            assertArrayEquals("orientation " + o, expected.pixels(), display.pixels());
        }
    }

    @Test
    public void everySubRegionMatchesTheSameRegionOfTheUprightImage() {
        ArgbImage raw = numbered(7, 4);
        for (int o = 1; o <= 8; o++) {
            Orientation orientation = new Orientation(o, 7, 4);
            ArgbImage expected = reference(raw, o);
            for (int y = 0; y < expected.height(); y++) {
                for (int x = 0; x < expected.width(); x++) {
                    for (int h = 1; y + h <= expected.height(); h++) {
                        for (int w = 1; x + w <= expected.width(); w++) {
                            Region region = new Region(x, y, w, h);
                            ArgbImage got = orientation.toDisplay(crop(raw, orientation.toRaw(region)), region);
                            assertArrayEquals("orientation " + o + " " + region,
                                    crop(expected, region).pixels(), got.pixels());
                        }
                    }
                }
            }
        }
    }

    private static ArgbImage numbered(int w, int h) {
        ArgbImage img = new ArgbImage(w, h);
        for (int i = 0; i < w * h; i++) {
            img.pixels()[i] = i;
        }
        return img;
    }

    static ArgbImage crop(ArgbImage img, Region r) {
        ArgbImage out = new ArgbImage(r.width(), r.height());
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(img.pixels(), (r.y() + y) * img.width() + r.x(), out.pixels(), y * r.width(), r.width());
        }
        return out;
    }

    private static ArgbImage flipHorizontal(ArgbImage img) {
        ArgbImage out = new ArgbImage(img.width(), img.height());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out.set(img.width() - 1 - x, y, img.get(x, y));
            }
        }
        return out;
    }

    private static ArgbImage rotateClockwise(ArgbImage img) {
        ArgbImage out = new ArgbImage(img.height(), img.width());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out.set(img.height() - 1 - y, x, img.get(x, y));
            }
        }
        return out;
    }
}
