package io.clarity.models.eval;

/** One image plane of doubles on the 0..255 scale, row-major: what PSNR and SSIM are computed on. */
public final class LumaPlane {
    private final int width;
    private final int height;
    private final double[] values;

    public LumaPlane(int width, int height, double[] values) {
        if (width < 0 || height < 0 || (long) width * height != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.values = values;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double get(int x, int y) {
        return values[y * width + x];
    }

    /** The plane without {@code border} pixels on every side (the published tables shave {@code scale}). */
    public LumaPlane shave(int border) {
        int w = width - 2 * border;
        int h = height - 2 * border;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("cannot shave " + border + " px off " + width + "x" + height);
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, (y + border) * width + border, out, y * w, w);
        }
        return new LumaPlane(w, h, out);
    }
}
