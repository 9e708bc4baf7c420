package io.clarity.models.desktop;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.ImageSource;

import java.io.IOException;

/**
 * Bicubic (Keys, a = -0.5) resampling from a region source to a sink, band by band: memory is one output band
 * and the few source rows under it. No anti-aliasing, so it is for enlarging; the desktop memory check uses it
 * as a stand-in upscaler and to make its large test photo.
 */
public final class StreamingBicubicResampler {
    private StreamingBicubicResampler() {
    }

    /** Resamples {@code crop} of the source to {@code outWidth} x {@code outHeight}; starts and finishes the sink. */
    public static void resample(ImageSource source, Region crop, int outWidth, int outHeight, ImageSink sink,
            int bandRows) throws IOException {
        boolean done = false;
        try {
            sink.start(outWidth, outHeight, source.hasAlpha());
            Taps horizontal = new Taps(crop.width(), outWidth);
            Taps vertical = new Taps(crop.height(), outHeight);
            for (int top = 0; top < outHeight; top += bandRows) {
                int rows = Math.min(bandRows, outHeight - top);
                int first = vertical.first[top];
                int last = vertical.first[top + rows - 1] + 3;
                int from = Math.max(0, first);
                int to = Math.min(crop.height() - 1, last);
                ArgbImage src = source.read(new Region(crop.x(), crop.y() + from, crop.width(), to - from + 1));
                float[][] widened = new float[to - from + 1][];
                for (int y = 0; y < widened.length; y++) {
                    widened[y] = resampleRow(src.pixels(), y * src.width(), horizontal, outWidth);
                }
                ArgbImage band = new ArgbImage(outWidth, rows);
                for (int oy = 0; oy < rows; oy++) {
                    int base = vertical.first[top + oy];
                    float[] w = vertical.weights[top + oy];
                    for (int ox = 0; ox < outWidth; ox++) {
                        float a = 0;
                        float r = 0;
                        float g = 0;
                        float b = 0;
                        for (int k = 0; k < 4; k++) {
                            float[] line = widened[clamp(base + k, 0, crop.height() - 1) - from];
                            a += w[k] * line[4 * ox];
                            r += w[k] * line[4 * ox + 1];
                            g += w[k] * line[4 * ox + 2];
                            b += w[k] * line[4 * ox + 3];
                        }
                        band.pixels()[oy * outWidth + ox] = toByte(a) << 24 | toByte(r) << 16 | toByte(g) << 8 | toByte(b);
                    }
                }
                sink.writeRows(band);
            }
            sink.finish();
            done = true;
        } finally {
            if (!done) {
                sink.abort();
            }
        }
    }

    private static float[] resampleRow(int[] px, int offset, Taps taps, int outWidth) {
        float[] out = new float[4 * outWidth];
        int last = taps.sourceSize - 1;
        for (int ox = 0; ox < outWidth; ox++) {
            int base = taps.first[ox];
            float[] w = taps.weights[ox];
            float a = 0;
            float r = 0;
            float g = 0;
            float b = 0;
            for (int k = 0; k < 4; k++) {
                int p = px[offset + clamp(base + k, 0, last)];
                a += w[k] * (p >>> 24);
                r += w[k] * ((p >> 16) & 0xFF);
                g += w[k] * ((p >> 8) & 0xFF);
                b += w[k] * (p & 0xFF);
            }
            out[4 * ox] = a;
            out[4 * ox + 1] = r;
            out[4 * ox + 2] = g;
            out[4 * ox + 3] = b;
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int toByte(float v) {
        return clamp(Math.round(v), 0, 255);
    }

    /** For each output index: the first of its four source taps (may lie outside; edges clamp) and their weights. */
    private static final class Taps {
        final int sourceSize;
        final int[] first;
        final float[][] weights;

        Taps(int sourceSize, int outSize) {
            this.sourceSize = sourceSize;
            first = new int[outSize];
            weights = new float[outSize][4];
            double scale = (double) sourceSize / outSize;
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale - 0.5;
                int f = (int) Math.floor(center);
                double t = center - f;
                first[o] = f - 1;
                for (int k = 0; k < 4; k++) {
                    weights[o][k] = (float) keys(t - (k - 1));
                }
            }
        }

        private static double keys(double x) {
            double a = -0.5;
            x = Math.abs(x);
            if (x < 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
            }
            return 0;
        }
    }
}
