package io.clarity.engine.image;

/** 8-bit pixels packed as 0xAARRGGBB, row-major: the exchange format with Bitmap and BufferedImage. */
public final class ArgbImage {
    private final int width;
    private final int height;
    private final int[] pixels;

    public ArgbImage(int width, int height, int[] pixels) {
        if (width < 0 || height < 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException(
                    "pixel array of " + pixels.length + " does not hold " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public ArgbImage(int width, int height) {
        this(width, height, new int[Math.multiplyExact(width, height)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, shared, not copied. */
    public int[] pixels() {
        return pixels;
    }

    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, int argb) {
        pixels[y * width + x] = argb;
    }
}
