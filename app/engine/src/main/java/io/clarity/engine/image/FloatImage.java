package io.clarity.engine.image;

/**
 * A float tensor of one image, laid out height × width × channels (NHWC without N), as TFLite wants it.
 * Values are in [0, 1] for pixel data.
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    public FloatImage(int width, int height, int channels, float[] data) {
        if (width < 0 || height < 0 || channels <= 0 || (long) width * height * channels != data.length) {
            throw new IllegalArgumentException("float array of " + data.length + " does not hold "
                    + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    public FloatImage(int width, int height, int channels) {
        this(width, height, channels, new float[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** The backing array, shared, not copied. */
    public float[] data() {
        return data;
    }

    public float get(int x, int y, int c) {
        return data[(y * width + x) * channels + c];
    }

    public void set(int x, int y, int c, float v) {
        data[(y * width + x) * channels + c] = v;
    }
}
