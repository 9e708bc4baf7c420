package io.clarity.engine.color;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.SymmetricBorder;

/**
 * Bicubic resampling as MATLAB's {@code imresize(A, scale, 'bicubic')} does it, because the published
 * super-resolution tables (and SRCNN's pre-upscale) are made with it: Keys' cubic with a = −0.5; output pixel
 * x (1-based) samples input position {@code x/scale + 0.5·(1 − 1/scale)}; when shrinking, the kernel is
 * stretched by 1/scale (antialiasing); weights are normalised to sum 1; samples outside the image mirror with
 * the edge pixel repeated ('symmetric'); the dimension with the smaller scale is resized first (rows on a
 * tie); and for 8-bit images every pass rounds and saturates to 8 bits, as MATLAB's uint8 path does.
 */
public final class BicubicResampler {
    /** Support radius of the unstretched kernel: 2 input pixels on each side. */
    public static final int RADIUS = 2;

    private BicubicResampler() {
    }

    /** Keys' cubic convolution kernel with a = −0.5 (MATLAB's 'cubic'). */
    public static double cubic(double x) {
        double ax = Math.abs(x);
        double ax2 = ax * ax;
        double ax3 = ax2 * ax;
        if (ax <= 1) {
            return 1.5 * ax3 - 2.5 * ax2 + 1;
        }
        if (ax <= 2) {
            return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
        }
        return 0;
    }

    /** MATLAB's output length for a scale factor: {@code ceil(scale × length)}. */
    public static int outputLength(int inLength, double scale) {
        return (int) Math.ceil(scale * inLength);
    }

    /** Resizes by one factor for both axes, like {@code imresize(A, scale)}, in double precision. */
    public static FloatImage resize(FloatImage image, double scale) {
        return resize(image, scale, scale);
    }

    /** Resizes a float image (any channels), like {@code imresize} on a double array. */
    public static FloatImage resize(FloatImage image, double scaleX, double scaleY) {
        checkScale(scaleX, scaleY);
        double[] data = new double[image.data().length];
        float[] src = image.data();
        for (int i = 0; i < src.length; i++) {
            data[i] = src[i];
        }
        Plane out = resize(new Plane(image.width(), image.height(), image.channels(), data), scaleX, scaleY, false);
        float[] result = new float[out.data.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) out.data[i];
        }
        return new FloatImage(out.width, out.height, out.channels, result);
    }

    /**
     * Upscales by an integer factor with the same kernel, sample positions and 'symmetric' borders as
     * {@link #resize(FloatImage, double)}, but with one weight table per sub-pixel phase, so an output pixel's
     * arithmetic does not depend on where the image lies: a tile and the whole image give bit-identical
     * pixels wherever their inputs agree within {@link #RADIUS}.
     */
    public static FloatImage upscale(FloatImage image, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, was " + scale);
        }
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] src = image.data();
        int[] offsets = new int[scale];
        double[] weights = new double[scale * 4];
        for (int p = 0; p < scale; p++) {
            // 0-based position of output sample p of input pixel 0, as in MATLAB's x/scale + 0.5(1 - 1/scale).
            double u = (p + 0.5) / scale - 0.5;
            int first = (int) Math.floor(u) - 1;
            offsets[p] = first;
            double sum = 0;
            for (int t = 0; t < 4; t++) {
                weights[p * 4 + t] = cubic(u - (first + t));
                sum += weights[p * 4 + t];
            }
            for (int t = 0; t < 4; t++) {
                weights[p * 4 + t] /= sum;
            }
        }
        int outW = w * scale;
        int outH = h * scale;
        int rowLength = w * c;
        double[] rows = new double[outH * rowLength];
        for (int y = 0; y < outH; y++) {
            int p = y % scale;
            int base = y / scale + offsets[p];
            int d = y * rowLength;
            for (int t = 0; t < 4; t++) {
                double wgt = weights[p * 4 + t];
                int s = SymmetricBorder.index(base + t, h) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    rows[d + i] += wgt * src[s + i];
                }
            }
        }
        float[] out = new float[outW * outH * c];
        int[] columns = new int[outW * 4];
        for (int x = 0; x < outW; x++) {
            int base = x / scale + offsets[x % scale];
            for (int t = 0; t < 4; t++) {
                columns[x * 4 + t] = SymmetricBorder.index(base + t, w) * c;
            }
        }
        for (int y = 0; y < outH; y++) {
            int rowIn = y * rowLength;
            int rowOut = y * outW * c;
            for (int x = 0; x < outW; x++) {
                int p = (x % scale) * 4;
                int d = rowOut + x * c;
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int t = 0; t < 4; t++) {
                        sum += weights[p + t] * rows[rowIn + columns[x * 4 + t] + ch];
                    }
                    out[d + ch] = (float) sum;
                }
            }
        }
        return new FloatImage(outW, outH, c, out);
    }

    /**
     * Resizes an 8-bit image like {@code imresize} on a uint8 array: each pass rounds half away from zero
     * and saturates to 0..255. Alpha is resized like the colour channels.
     */
    public static ArgbImage resize(ArgbImage image, double scale) {
        checkScale(scale, scale);
        int[] px = image.pixels();
        double[] data = new double[px.length * 4];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            data[i * 4] = (p >>> 24);
            data[i * 4 + 1] = (p >> 16) & 0xff;
            data[i * 4 + 2] = (p >> 8) & 0xff;
            data[i * 4 + 3] = p & 0xff;
        }
        Plane out = resize(new Plane(image.width(), image.height(), 4, data), scale, scale, true);
        int[] result = new int[out.width * out.height];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((int) out.data[i * 4] << 24) | ((int) out.data[i * 4 + 1] << 16)
                    | ((int) out.data[i * 4 + 2] << 8) | (int) out.data[i * 4 + 3];
        }
        return new ArgbImage(out.width, out.height, result);
    }

    private static void checkScale(double scaleX, double scaleY) {
        if (!(scaleX > 0) || !(scaleY > 0) || Double.isInfinite(scaleX) || Double.isInfinite(scaleY)) {
            throw new IllegalArgumentException("scale must be finite and > 0, was " + scaleX + " x " + scaleY);
        }
    }

    private static Plane resize(Plane in, double scaleX, double scaleY, boolean roundToUint8) {
        int outW = outputLength(in.width, scaleX);
        int outH = outputLength(in.height, scaleY);
        if (in.width == 0 || in.height == 0 || outW == 0 || outH == 0) {
            return new Plane(outW, outH, in.channels, new double[outW * outH * in.channels]);
        }
        Contributions cols = new Contributions(in.width, outW, scaleX);
        Contributions rows = new Contributions(in.height, outH, scaleY);
        if (scaleY <= scaleX) {
            return resizeColumns(resizeRows(in, rows, roundToUint8), cols, roundToUint8);
        }
        return resizeRows(resizeColumns(in, cols, roundToUint8), rows, roundToUint8);
    }

    /** Resizes along y (MATLAB's dimension 1). */
    private static Plane resizeRows(Plane in, Contributions rows, boolean roundToUint8) {
        int rowLength = in.width * in.channels;
        double[] out = new double[rows.outLength * rowLength];
        for (int y = 0; y < rows.outLength; y++) {
            int d = y * rowLength;
            for (int t = 0; t < rows.taps; t++) {
                double wgt = rows.weights[y * rows.taps + t];
                if (wgt == 0) {
                    continue;
                }
                int s = rows.indices[y * rows.taps + t] * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    out[d + i] += wgt * in.data[s + i];
                }
            }
            if (roundToUint8) {
                roundToUint8(out, d, rowLength);
            }
        }
        return new Plane(in.width, rows.outLength, in.channels, out);
    }

    /** Resizes along x (MATLAB's dimension 2). */
    private static Plane resizeColumns(Plane in, Contributions cols, boolean roundToUint8) {
        int c = in.channels;
        double[] out = new double[in.height * cols.outLength * c];
        for (int y = 0; y < in.height; y++) {
            int rowIn = y * in.width * c;
            int rowOut = y * cols.outLength * c;
            for (int x = 0; x < cols.outLength; x++) {
                int d = rowOut + x * c;
                for (int t = 0; t < cols.taps; t++) {
                    double wgt = cols.weights[x * cols.taps + t];
                    if (wgt == 0) {
                        continue;
                    }
                    int s = rowIn + cols.indices[x * cols.taps + t] * c;
                    for (int ch = 0; ch < c; ch++) {
                        out[d + ch] += wgt * in.data[s + ch];
                    }
                }
            }
            if (roundToUint8) {
                roundToUint8(out, rowOut, cols.outLength * c);
            }
        }
        return new Plane(cols.outLength, in.height, c, out);
    }

    private static void roundToUint8(double[] values, int from, int length) {
        for (int i = from; i < from + length; i++) {
            // Values are >= 0 once saturated, where Math.round's half-up equals MATLAB's half-away-from-zero.
            values[i] = Math.min(255, Math.max(0, Math.round(values[i])));
        }
    }

    /** MATLAB's {@code contributions}: for each output sample, its input indices and normalised weights. */
    private static final class Contributions {
        final int outLength;
        final int taps;
        final int[] indices;
        final double[] weights;

        Contributions(int inLength, int outLength, double scale) {
            boolean antialias = scale < 1;
            double kernelWidth = antialias ? 4.0 / scale : 4.0;
            this.outLength = outLength;
            this.taps = (int) Math.ceil(kernelWidth) + 2;
            this.indices = new int[outLength * taps];
            this.weights = new double[outLength * taps];
            for (int x = 1; x <= outLength; x++) {
                double u = x / scale + 0.5 * (1 - 1 / scale);
                int left = (int) Math.floor(u - kernelWidth / 2);
                double sum = 0;
                int row = (x - 1) * taps;
                for (int t = 0; t < taps; t++) {
                    int index = left + t;
                    double wgt = antialias ? scale * cubic(scale * (u - index)) : cubic(u - index);
                    weights[row + t] = wgt;
                    indices[row + t] = SymmetricBorder.index(index - 1, inLength);
                    sum += wgt;
                }
                for (int t = 0; t < taps; t++) {
                    weights[row + t] /= sum;
                }
            }
        }
    }

    /** An interleaved double buffer, height × width × channels. */
    private static final class Plane {
        final int width;
        final int height;
        final int channels;
        final double[] data;

        Plane(int width, int height, int channels, double[] data) {
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.data = data;
        }
    }
}
