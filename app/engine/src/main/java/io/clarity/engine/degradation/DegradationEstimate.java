package io.clarity.engine.degradation;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.engine.io.ImageSource;

import java.io.IOException;
import java.io.InputStream;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How degraded a photo is, estimated blindly from the photo itself (issue #14; the practical form of blind SR's
 * kernel estimation): its JPEG quality from the file's tables ({@link JpegQuality}), its noise level and its blur,
 * and from them the real-photo model's cleaning strength, 0 (the light weights, trained from clean to a once-shared
 * phone photo) to 1 (the heavy weights, trained on strong blur, noise and JPEG).
 */
public final class DegradationEstimate {
    /** Side of the square a photo's estimate reads (its centre): 256 16-pixel blocks, milliseconds of work. */
    public static final int SAMPLE_SIDE = 256;
    /** How many of a file's first bytes the estimate needs: its JPEG tables, which precede the scan. */
    public static final int HEADER_BYTES = 1 << 16;
    /** Side of the blocks the noise level is measured in. */
    static final int BLOCK = 16;
    /**
     * The lowest quarter of the blocks' levels (the flattest: texture only adds to them) has its median at the 12.5th
     * percentile; on pure Gaussian noise that reads this much low, measured on 512² noise images (σ 2..16).
     */
    static final double LOW_QUARTER_BIAS = 0.947;
    /** The re-blur of the blur estimate, in input pixels. */
    static final double REBLUR_SIGMA = 1.0;

    private final Optional<JpegQuality> jpegQuality;
    private final double noiseSigma;
    private final double blurSigma;

    public DegradationEstimate(Optional<JpegQuality> jpegQuality, double noiseSigma, double blurSigma) {
        this.jpegQuality = jpegQuality;
        this.noiseSigma = noiseSigma;
        this.blurSigma = blurSigma;
    }

    /**
     * Estimates a photo's degradation.
     *
     * @param pixels the photo, or a sample of it at its own resolution (a crop, never a downscaled view: that hides
     *               noise and blur); at least 16×16
     * @param header the file's first bytes (its JPEG tables), or an empty array for a photo that is not a JPEG
     */
    public static DegradationEstimate of(ArgbImage pixels, byte[] header) {
        return new DegradationEstimate(JpegQuality.of(header), noiseSigma(pixels), blurSigma(pixels));
    }

    /**
     * Estimates a photo's degradation from the central {@value #SAMPLE_SIDE}² pixels of a region source (at the
     * photo's own resolution: the estimate reads noise and blur per pixel) and the file's first bytes.
     */
    public static DegradationEstimate of(ImageSource source, byte[] header) throws IOException {
        int w = Math.min(SAMPLE_SIDE, source.width());
        int h = Math.min(SAMPLE_SIDE, source.height());
        if (w < 16 || h < 16) {
            return new DegradationEstimate(JpegQuality.of(header), 0, 0);
        }
        ArgbImage sample = source.read(new Region((source.width() - w) / 2, (source.height() - h) / 2, w, h));
        return of(sample, header);
    }

    public Optional<JpegQuality> jpegQuality() {
        return jpegQuality;
    }

    /** Noise standard deviation, 8-bit levels per channel. */
    public double noiseSigma() {
        return noiseSigma;
    }

    /** Gaussian blur σ of the photo's edges, in its own pixels (a sharp bicubic-downscaled photo reads the floor, 0.05). */
    public double blurSigma() {
        return blurSigma;
    }

    /**
     * The cleaning strength of a real-photo model, 0..1, through realphoto-x2's calibrated ramps
     * ({@link StrengthRamps#REALPHOTO_X2}); realphoto-x4's light and heavy weights read the same ramps (never calibrated
     * at x4: its card measures how far the automatic strength lands from the best fixed one).
     */
    public float strength() {
        return (float) StrengthRamps.REALPHOTO_X2.strength(jpegQuality.map(JpegQuality::quality).orElse(null),
                noiseSigma, blurSigma);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JPEG %s, noise σ %.2f, blur σ %.2f px: strength %.2f",
                jpegQuality.map(q -> "q" + q.quality() + (q.exact() ? "" : " (nearest)")).orElse("none"), noiseSigma,
                blurSigma, strength());
    }

    /** The first {@link #HEADER_BYTES} of a stream (fewer if it is shorter): what {@link #of} reads tables from. */
    public static byte[] header(InputStream in) throws IOException {
        byte[] buffer = new byte[HEADER_BYTES];
        int n = 0;
        int r;
        while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
            n += r;
        }
        return Arrays.copyOf(buffer, n);
    }

    /**
     * Immerkær's noise estimator (1996: the 3×3 mask that cancels planes and edges to first order, whose response to
     * white noise of σ has mean |·| = 6σ·√(2/π)), per 16×16 block and channel; the level is the median of the
     * flattest quarter of the blocks, so texture and edges, which raise a block's level, are left out.
     */
    public static double noiseSigma(ArgbImage image) {
        int w = image.width();
        int h = image.height();
        if (w < 3 || h < 3) {
            throw new IllegalArgumentException("noise needs at least 3x3 pixels, was " + w + "x" + h);
        }
        int bw = Math.max(1, (w - 2) / BLOCK);
        int bh = Math.max(1, (h - 2) / BLOCK);
        double[] levels = new double[bw * bh];
        int[] px = image.pixels();
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int x0 = 1 + bx * BLOCK;
                int y0 = 1 + by * BLOCK;
                int x1 = bw == 1 ? w - 1 : x0 + BLOCK;
                int y1 = bh == 1 ? h - 1 : y0 + BLOCK;
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            int m = 0;
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    int weight = (dx == 0 ? 2 : -1) * (dy == 0 ? 2 : -1);
                                    m += weight * ((px[(y + dy) * w + x + dx] >> shift) & 0xff);
                                }
                            }
                            sum += Math.abs(m);
                        }
                    }
                }
                levels[by * bw + bx] = Math.sqrt(Math.PI / 2) * sum / (6.0 * 3 * (x1 - x0) * (y1 - y0));
            }
        }
        Arrays.sort(levels);
        int quarter = Math.max(1, levels.length / 4);
        return levels[(quarter - 1) / 2] / (levels.length >= 8 ? LOW_QUARTER_BIAS : 1);
    }

    /**
     * Edge blur from the photo's own edges (after Hu and de Haan 2006, re-blur and compare): at strong, locally
     * maximal horizontal and vertical gradients of Y, the ratio of the central difference before and after a
     * Gaussian re-blur of σ_r fixes the edge's σ, because for a step edge of σ at offset u from the pixel it is
     * (Φ((1+u)/σ) − Φ((u−1)/σ)) / (the same at √(σ² + σ_r²)), here averaged over u; the median over the strongest
     * edges is the estimate.
     */
    public static double blurSigma(ArgbImage image) {
        int w = image.width();
        int h = image.height();
        if (w < 16 || h < 16) {
            throw new IllegalArgumentException("blur needs at least 16x16 pixels, was " + w + "x" + h);
        }
        double[] y = luma(image);
        double[] r = reblur(y, w, h, REBLUR_SIGMA);
        int n = 0;
        double[] magnitudes = new double[2 * w * h];
        double[] ratios = new double[2 * w * h];
        for (int py = 2; py < h - 2; py++) {
            for (int px = 2; px < w - 2; px++) {
                int i = py * w + px;
                for (int axis = 0; axis < 2; axis++) {
                    int step = axis == 0 ? 1 : w;
                    int across = axis == 0 ? w : 1;
                    double g = Math.abs(r[i + step] - r[i - step]);
                    double other = Math.abs(r[i + across] - r[i - across]);
                    if (g > 2 * other && g >= Math.abs(r[i + 2 * step] - r[i]) && g >= Math.abs(r[i] - r[i - 2 * step])) {
                        magnitudes[n] = g;
                        ratios[n] = Math.abs(y[i + step] - y[i - step]) / g;
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        // the strongest tenth of the edges: fine texture and noise have edges of their own
        double[] sorted = Arrays.copyOf(magnitudes, n);
        Arrays.sort(sorted);
        double threshold = sorted[(int) (n * 0.9)];
        double[] strong = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (magnitudes[k] >= threshold && magnitudes[k] > 0) {
                strong[m++] = ratios[k];
            }
        }
        if (m == 0) {
            return 0;
        }
        Arrays.sort(strong, 0, m);
        return sigmaForRatio(strong[m / 2]);
    }

    /** Solves {@link #edgeRatio}(σ) = ratio for σ by bisection (the ratio falls with σ). */
    static double sigmaForRatio(double ratio) {
        double lo = 0.05;
        double hi = 8;
        if (ratio >= edgeRatio(lo)) {
            return lo;
        }
        if (ratio <= edgeRatio(hi)) {
            return hi;
        }
        for (int k = 0; k < 50; k++) {
            double mid = 0.5 * (lo + hi);
            if (edgeRatio(mid) > ratio) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The ratio for an edge of σ, averaged over where the edge falls between two pixels (offset u in 0..½). */
    static double edgeRatio(double sigma) {
        double reblurred = Math.sqrt(sigma * sigma + REBLUR_SIGMA * REBLUR_SIGMA);
        double before = 0;
        double after = 0;
        for (int k = 0; k <= 4; k++) {
            double u = k / 8.0;
            before += phi((1 + u) / sigma) - phi((u - 1) / sigma);
            after += phi((1 + u) / reblurred) - phi((u - 1) / reblurred);
        }
        return before / after;
    }

    /** The standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-z * z);
        return 0.5 * (1 + (x >= 0 ? erf : -erf));
    }

    private static double[] luma(ArgbImage image) {
        int[] px = image.pixels();
        double[] y = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            y[i] = 0.299 * ((px[i] >> 16) & 0xff) + 0.587 * ((px[i] >> 8) & 0xff) + 0.114 * (px[i] & 0xff);
        }
        return y;
    }

    /** Separable Gaussian, mirrored borders. */
    private static double[] reblur(double[] src, int w, int h, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] rows = new double[src.length];
        double[] out = new double[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * src[y * w + SymmetricBorder.index(x + i, w)];
                }
                rows[y * w + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * rows[SymmetricBorder.index(y + i, h) * w + x];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }
}
