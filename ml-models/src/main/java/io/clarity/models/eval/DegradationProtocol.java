package io.clarity.models.eval;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.train.RealisticDegradation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue #14's two fixed test inputs for real-photo models, exactly as the issue states them (not tuned):
 * <ul>
 * <li>{@link #DEGRADED}: RGB in [0, 1], Gaussian blur (σ 0.8 HR px at x2, 1.6 at x4; separable, 7 taps,
 * symmetric border), MATLAB-style antialiased bicubic ÷scale, + N(0, (4/255)²) per pixel and channel from
 * {@code new Random(2026 + i)} (i: the image's index in name order within its set; pixels row-major, R, G, B),
 * clip, round to 8 bit, JPEG q80 4:2:0, decoded;</li>
 * <li>{@link #CLEAN_JPEG}: bicubic ÷scale, 8 bit, JPEG q90 4:2:0, decoded.</li>
 * </ul>
 * JPEG is ImageIO's codec (libjpeg 6b-derived: Annex K tables scaled by IJG quality, 2×2 chroma subsampling).
 */
public enum DegradationProtocol {
    DEGRADED("degraded"),
    CLEAN_JPEG("clean-jpeg");

    static final int TAPS = 7;
    static final double NOISE_SIGMA = 4.0 / 255;
    static final long NOISE_SEED = 2026;

    private final String label;

    DegradationProtocol(String label) {
        this.label = label;
    }

    /** How a card or the command line names it. */
    public String label() {
        return label;
    }

    /** The blur σ in HR pixels of the degraded protocol at a scale: 0.8 at x2, 1.6 at x4 (0.4 per scale step). */
    public static double blurSigma(int scale) {
        return 0.4 * scale;
    }

    /** The protocol's input of image {@code index} of its set ({@code hr} cropped to a multiple of the scale). */
    public ArgbImage input(ArgbImage hr, int scale, int index) {
        return RealisticDegradation.decodeJpeg(file(hr, scale, index), hr.width() / scale, hr.height() / scale);
    }

    /** The input as the JPEG file a person would hand over (the blind estimate reads its tables). */
    public byte[] file(ArgbImage hr, int scale, int index) {
        if (this == CLEAN_JPEG) {
            return RealisticDegradation.jpegBytes(Evaluator.lowResolution(hr, scale), 90);
        }
        FloatImage rgb = blur(toFloat(hr), blurSigma(scale));
        FloatImage lr = BicubicResampler.resize(rgb, 1.0 / scale);
        Random random = new Random(NOISE_SEED + index);
        float[] d = lr.data();
        int[] px = new int[lr.width() * lr.height()];
        for (int p = 0; p < px.length; p++) {
            int argb = 0xff000000;
            for (int c = 0; c < 3; c++) {
                double v = d[p * 3 + c] + NOISE_SIGMA * random.nextGaussian();
                argb |= (int) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255) << (16 - 8 * c);
            }
            px[p] = argb;
        }
        return RealisticDegradation.jpegBytes(new ArgbImage(lr.width(), lr.height(), px), 80);
    }

    /** The maker the evaluator takes for one benchmark folder: the index comes from the folder's name order. */
    public Evaluator.LowResolutionMaker inputsFor(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path p : PhotoTiles.imagesIn(folder)) {
            names.add(p.getFileName().toString());
        }
        return (name, gt, scale) -> {
            int index = names.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException(name + " is not in " + folder);
            }
            return input(gt, scale, index);
        };
    }

    /** Image {@code name}'s index in the folder's name order. */
    static int indexIn(Path folder, String name) throws IOException {
        List<Path> files = PhotoTiles.imagesIn(folder);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).getFileName().toString().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " is not in " + folder);
    }

    /** Parses {@code degraded} or {@code clean-jpeg}. */
    public static DegradationProtocol parse(String label) {
        for (DegradationProtocol p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "protocol must be degraded or clean-jpeg, was %s", label));
    }

    /** The normalised 7-tap Gaussian. */
    static double[] kernel(double sigma) {
        double[] k = new double[TAPS];
        double sum = 0;
        for (int i = 0; i < TAPS; i++) {
            int x = i - TAPS / 2;
            k[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < TAPS; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable blur, rows then columns, MATLAB 'symmetric' border (the edge pixel repeated in the mirror). */
    static FloatImage blur(FloatImage image, double sigma) {
        double[] k = kernel(sigma);
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        float[] src = image.data();
        double[] rows = new double[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int i = 0; i < TAPS; i++) {
                        acc += k[i] * src[(y * w + SymmetricBorder.index(x + i - TAPS / 2, w)) * ch + c];
                    }
                    rows[(y * w + x) * ch + c] = acc;
                }
            }
        }
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int i = 0; i < TAPS; i++) {
                        acc += k[i] * rows[(SymmetricBorder.index(y + i - TAPS / 2, h) * w + x) * ch + c];
                    }
                    out[(y * w + x) * ch + c] = (float) acc;
                }
            }
        }
        return new FloatImage(w, h, ch, out);
    }

    private static FloatImage toFloat(ArgbImage image) {
        int[] px = image.pixels();
        float[] d = new float[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            d[i * 3] = ((px[i] >> 16) & 0xff) / 255f;
            d[i * 3 + 1] = ((px[i] >> 8) & 0xff) / 255f;
            d[i * 3 + 2] = (px[i] & 0xff) / 255f;
        }
        return new FloatImage(image.width(), image.height(), 3, d);
    }
}
