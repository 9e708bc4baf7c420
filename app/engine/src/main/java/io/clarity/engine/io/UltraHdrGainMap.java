package io.clarity.engine.io;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.metadata.BaselineJpegDecoder;
import io.clarity.engine.metadata.GainMap;
import io.clarity.engine.metadata.PhotoMetadata;

import java.io.IOException;

/**
 * Makes the gain map of an Ultra HDR output: the input's gain map decoded, turned upright like the primary,
 * enlarged bicubically by the factor the primary was enlarged by (gain maps are smooth and usually at a
 * fraction of the primary's resolution, so bicubic loses nothing a model would restore) and encoded again with
 * its own XMP and APPn segments, whose hdrgm parameters do not depend on size. Rows are resampled and encoded
 * one band at a time, so only the input gain map is held whole.
 */
final class UltraHdrGainMap {
    private static final int BAND = 16;

    private UltraHdrGainMap() {
    }

    /** The gain-map JPEG for an upright primary of {@code width} x {@code height}. */
    static byte[] forOutput(GainMap gainMap, int width, int height, int quality) throws IOException {
        // The reader decoded these bytes once already, so they are known to decode.
        BaselineJpegDecoder.Decoded decoded = BaselineJpegDecoder.decode(gainMap.jpeg(),
                (long) gainMap.primaryWidth() * gainMap.primaryHeight());
        ArgbImage stored = decoded.image;
        Orientation turn = new Orientation(gainMap.orientation(), stored.width(), stored.height());
        ArgbImage upright = turn.toDisplay(stored, new Region(0, 0, turn.displayWidth(), turn.displayHeight()));
        Orientation primary = new Orientation(gainMap.orientation(), gainMap.primaryWidth(), gainMap.primaryHeight());
        double scaleX = (double) width / primary.displayWidth();
        double scaleY = (double) height / primary.displayHeight();
        int outWidth = Math.max(1, (int) Math.round(upright.width() * scaleX));
        int outHeight = Math.max(1, (int) Math.round(upright.height() * scaleY));
        PhotoMetadata own = PhotoMetadata.NONE.withXmp(gainMap.xmp()).withAppSegments(gainMap.segments());
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingJpegWriter writer = new StreamingJpegWriter(target, quality,
                decoded.components == 1 ? StreamingJpegWriter.Subsampling.GRAY : StreamingJpegWriter.Subsampling.YUV444,
                own);
        writer.start(outWidth, outHeight, false);
        resample(upright, outWidth, outHeight, writer);
        writer.finish();
        return target.committed();
    }

    /** Separable bicubic (imresize's kernel and pixel-centre alignment, edges clamped), streamed by bands. */
    private static void resample(ArgbImage in, int outWidth, int outHeight, ImageSink sink) throws IOException {
        int w = in.width();
        int h = in.height();
        int[][] xIndex = new int[outWidth][4];
        double[][] xWeight = taps(w, outWidth, xIndex);
        int[][] yIndex = new int[outHeight][4];
        double[][] yWeight = taps(h, outHeight, yIndex);
        int[] px = in.pixels();
        double[] column = new double[3 * w];
        for (int y0 = 0; y0 < outHeight; y0 += BAND) {
            int rows = Math.min(BAND, outHeight - y0);
            ArgbImage band = new ArgbImage(outWidth, rows);
            int[] out = band.pixels();
            for (int r = 0; r < rows; r++) {
                int y = y0 + r;
                java.util.Arrays.fill(column, 0);
                for (int t = 0; t < 4; t++) {
                    double wt = yWeight[y][t];
                    int row = yIndex[y][t] * w;
                    for (int x = 0; x < w; x++) {
                        int p = px[row + x];
                        column[3 * x] += wt * ((p >> 16) & 0xFF);
                        column[3 * x + 1] += wt * ((p >> 8) & 0xFF);
                        column[3 * x + 2] += wt * (p & 0xFF);
                    }
                }
                for (int x = 0; x < outWidth; x++) {
                    double red = 0;
                    double green = 0;
                    double blue = 0;
                    for (int t = 0; t < 4; t++) {
                        int i = 3 * xIndex[x][t];
                        double wt = xWeight[x][t];
                        red += wt * column[i];
                        green += wt * column[i + 1];
                        blue += wt * column[i + 2];
                    }
                    out[r * outWidth + x] = 0xFF000000 | clamp(red) << 16 | clamp(green) << 8 | clamp(blue);
                }
            }
            sink.writeRows(band);
        }
    }

    /** For each output sample, its four input neighbours and their normalised cubic weights. */
    private static double[][] taps(int inLength, int outLength, int[][] index) {
        double scale = (double) outLength / inLength;
        double[][] weight = new double[outLength][4];
        for (int o = 0; o < outLength; o++) {
            double u = (o + 0.5) / scale - 0.5;
            int left = (int) Math.floor(u) - 1;
            double sum = 0;
            for (int t = 0; t < 4; t++) {
                int i = left + t;
                weight[o][t] = BicubicResampler.cubic(u - i);
                index[o][t] = Math.max(0, Math.min(inLength - 1, i));
                sum += weight[o][t];
            }
            for (int t = 0; t < 4; t++) {
                weight[o][t] /= sum;
            }
        }
        return weight;
    }

    private static int clamp(double v) {
        int i = (int) Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
