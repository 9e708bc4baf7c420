package io.clarity.models.train;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Random;

/**
 * One draw of the blind-SR degradation a real photo has been through before it reaches the app (in the spirit
 * of BSRGAN / Real-ESRGAN's first-order model): a random blur kernel (isotropic or anisotropic, rotated
 * Gaussian), downscaling by the model's factor with a random kernel (antialiased bicubic or area average),
 * sensor noise (Gaussian, colour or grey, or signal-dependent shot noise) and JPEG re-compression. Training
 * pairs of (degraded LR, clean HR) teach the real-photo model to remove what bicubic-only training never shows.
 * Every field is fixed at construction, so a draw can be logged, replayed and tested stage by stage.
 */
public final class RealisticDegradation {
    /** Gaussian blur: σ along the rotated x and y axes in HR pixels (0: no blur), and the rotation. */
    public final double sigmaX;
    public final double sigmaY;
    public final double angle;
    /** true: area average (box) downscaling; false: MATLAB-style antialiased bicubic. */
    public final boolean areaDownscale;
    /** Noise standard deviation in 8-bit levels; shot noise scales it by sqrt(level / 255). */
    public final double noiseSigma;
    public final boolean shotNoise;
    public final boolean grayNoise;
    /** JPEG quality 1..100; 0: no re-compression. */
    public final int jpegQuality;
    private final long noiseSeed;

    public RealisticDegradation(double sigmaX, double sigmaY, double angle, boolean areaDownscale, double noiseSigma,
                                boolean shotNoise, boolean grayNoise, int jpegQuality, long noiseSeed) {
        if (sigmaX < 0 || sigmaY < 0 || noiseSigma < 0 || jpegQuality < 0 || jpegQuality > 100) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bad degradation: sigma %.3f/%.3f, noise %.3f, JPEG quality %d", sigmaX, sigmaY, noiseSigma, jpegQuality));
        }
        this.sigmaX = sigmaX;
        this.sigmaY = sigmaY;
        this.angle = angle;
        this.areaDownscale = areaDownscale;
        this.noiseSigma = noiseSigma;
        this.shotNoise = shotNoise;
        this.grayNoise = grayNoise;
        this.jpegQuality = jpegQuality;
        this.noiseSeed = noiseSeed;
    }

    /** Draws one degradation: blur p = 0.8 (σ 0.2..3, half anisotropic), noise p = 0.8, JPEG p = 0.9 (q 30..95). */
    public static RealisticDegradation sample(Random random) {
        boolean blur = random.nextDouble() < 0.8;
        double sx = blur ? 0.2 + 2.8 * random.nextDouble() : 0;
        double sy = blur && random.nextBoolean() ? 0.2 + 2.8 * random.nextDouble() : sx;
        double angle = random.nextDouble() * Math.PI;
        boolean area = random.nextBoolean();
        boolean noisy = random.nextDouble() < 0.8;
        double sigma = noisy ? 1 + 24 * random.nextDouble() * random.nextDouble() : 0;
        boolean shot = random.nextBoolean();
        boolean gray = random.nextDouble() < 0.4;
        int quality = random.nextDouble() < 0.9 ? 30 + random.nextInt(66) : 0;
        return new RealisticDegradation(sx, sy, angle, area, sigma, shot, gray, quality, random.nextLong());
    }

    /**
     * Draws one degradation of the light spread, from none to the moderate level of a phone photo shared once
     * (issue #14): a fifth of the draws are clean (antialiased bicubic only), the rest blur p = 0.6 (σ 0.2..1.5,
     * half anisotropic), area downscaling p = 0.3, noise p = 0.6 (σ 1..10, skewed low), JPEG p = 0.8 (q 60..100).
     * The light weights trained on it are the strength-0 end of the real-photo model; {@link #sample} the other.
     */
    public static RealisticDegradation sampleLight(Random random) {
        return mild(random, 0.2, 0.6, 1.3, 0.3, 0.6, 9, 0.8, 60);
    }

    /**
     * Draws one degradation of the JPEG spread, the strength-0 end once light photos are mostly compressed
     * rather than blurred or noisy: a third of the draws are clean (antialiased bicubic only), the rest JPEG
     * p = 0.9 (q 75..100, 4:2:0), blur p = 0.25 (σ 0.2..1.0, half anisotropic), area downscaling p = 0.2 and
     * noise p = 0.35 (σ 1..6, skewed low). {@link #sample} and {@link #sampleLight} draw exactly as before it
     * was added, so the committed weights' patch streams replay unchanged.
     */
    public static RealisticDegradation sampleJpeg(Random random) {
        return mild(random, 1.0 / 3, 0.25, 0.8, 0.2, 0.35, 5, 0.9, 75);
    }

    /**
     * Draws one degradation of the compressed spread, the strength-0 end for photos as phones store them: every
     * draw is JPEG (q 80..100, 4:2:0), with blur p = 0.2 (σ 0.2..0.8, half anisotropic), area downscaling p = 0.2
     * and noise p = 0.3 (σ 1..5, skewed low); no draw is clean, so none of the capacity goes to inputs no camera
     * writes.
     */
    public static RealisticDegradation sampleCompressed(Random random) {
        return mild(random, 0, 0.2, 0.6, 0.2, 0.3, 4, 1.0, 80);
    }

    /**
     * The light spreads' shared draw order (the committed weights' patch streams depend on it): clean with
     * probability {@code clean}; else blur σ 0.2..0.2 + blurSpan, noise σ 1..1 + noiseSpan skewed low, JPEG
     * quality minQuality..100, each with its own probability.
     */
    private static RealisticDegradation mild(Random random, double clean, double blurP, double blurSpan, double areaP,
                                             double noiseP, double noiseSpan, double jpegP, int minQuality) {
        if (random.nextDouble() < clean) {
            return new RealisticDegradation(0, 0, 0, false, 0, false, false, 0, random.nextLong());
        }
        boolean blur = random.nextDouble() < blurP;
        double sx = blur ? 0.2 + blurSpan * random.nextDouble() : 0;
        double sy = blur && random.nextBoolean() ? 0.2 + blurSpan * random.nextDouble() : sx;
        double angle = random.nextDouble() * Math.PI;
        boolean area = random.nextDouble() < areaP;
        boolean noisy = random.nextDouble() < noiseP;
        double sigma = noisy ? 1 + noiseSpan * random.nextDouble() * random.nextDouble() : 0;
        boolean shot = random.nextBoolean();
        boolean gray = random.nextDouble() < 0.4;
        int quality = random.nextDouble() < jpegP ? minQuality + random.nextInt(101 - minQuality) : 0;
        return new RealisticDegradation(sx, sy, angle, area, sigma, shot, gray, quality, random.nextLong());
    }

    /** The named training spreads of the real-photo weights ({@code Trainer --degradation heavy|light|jpeg|compressed}). */
    public enum Spread {
        HEAVY, LIGHT, JPEG, COMPRESSED;

        public RealisticDegradation draw(Random random) {
            return switch (this) {
                case HEAVY -> sample(random);
                case LIGHT -> sampleLight(random);
                case JPEG -> sampleJpeg(random);
                case COMPRESSED -> sampleCompressed(random);
            };
        }

        /** The spread named on the command line: heavy, light, jpeg or compressed. */
        public static Spread named(String name) {
            for (Spread s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("--degradation must be heavy, light, jpeg or compressed, was " + name);
        }
    }

    /** The degraded low-resolution image: {@code hr} (a multiple of {@code scale} in both sides) shrunk by scale. */
    public ArgbImage apply(ArgbImage hr, int scale) {
        if (scale < 1 || hr.width() % scale != 0 || hr.height() % scale != 0) {
            throw new IllegalArgumentException(hr.width() + "x" + hr.height() + " is not a multiple of scale " + scale);
        }
        float[][] rgb = planes(hr);
        int w = hr.width();
        int h = hr.height();
        if (sigmaX > 0 || sigmaY > 0) {
            float[] kernel = gaussianKernel(sigmaX, sigmaY, angle);
            for (int c = 0; c < 3; c++) {
                rgb[c] = convolve(rgb[c], w, h, kernel);
            }
        }
        ArgbImage lr = areaDownscale ? areaAverage(rgb, w, h, scale) : BicubicResampler.resize(toImage(rgb, w, h), 1.0 / scale);
        if (noiseSigma > 0) {
            lr = addNoise(lr);
        }
        return jpegQuality > 0 ? jpeg(lr, jpegQuality) : lr;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "blur σ %.2f×%.2f @%.0f°, %s, noise %.1f%s%s, JPEG %s", sigmaX, sigmaY,
                Math.toDegrees(angle), areaDownscale ? "area" : "bicubic", noiseSigma, shotNoise ? " shot" : "",
                grayNoise ? " gray" : "", jpegQuality > 0 ? "q" + jpegQuality : "none");
    }

    /** A normalised rotated-Gaussian kernel, side 2·ceil(3σmax)+1, row-major. */
    static float[] gaussianKernel(double sx, double sy, double angle) {
        double s1 = Math.max(sx, 1e-3);
        double s2 = Math.max(sy, 1e-3);
        int r = (int) Math.ceil(3 * Math.max(s1, s2));
        int side = 2 * r + 1;
        float[] k = new float[side * side];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double sum = 0;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double u = cos * x + sin * y;
                double v = -sin * x + cos * y;
                double g = Math.exp(-0.5 * (u * u / (s1 * s1) + v * v / (s2 * s2)));
                k[(y + r) * side + x + r] = (float) g;
                sum += g;
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** 2-D convolution with a square kernel, borders mirrored (as the engine's symmetric border). */
    static float[] convolve(float[] src, int w, int h, float[] kernel) {
        int side = (int) Math.round(Math.sqrt(kernel.length));
        int r = side / 2;
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int ky = -r; ky <= r; ky++) {
                    int sy = mirror(y + ky, h);
                    for (int kx = -r; kx <= r; kx++) {
                        acc += kernel[(ky + r) * side + kx + r] * src[sy * w + mirror(x + kx, w)];
                    }
                }
                dst[y * w + x] = acc;
            }
        }
        return dst;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i - 1 : 2 * n - i - 1;
        }
        return i;
    }

    private static ArgbImage areaAverage(float[][] rgb, int w, int h, int scale) {
        int lw = w / scale;
        int lh = h / scale;
        int[] px = new int[lw * lh];
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                int[] c = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    float s = 0;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            s += rgb[ch][(y * scale + dy) * w + x * scale + dx];
                        }
                    }
                    c[ch] = clampByte(s / (scale * scale));
                }
                px[y * lw + x] = 0xff000000 | c[0] << 16 | c[1] << 8 | c[2];
            }
        }
        return new ArgbImage(lw, lh, px);
    }

    private ArgbImage addNoise(ArgbImage image) {
        Random random = new Random(noiseSeed);
        int[] src = image.pixels();
        int[] px = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int p = src[i];
            int[] c = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
            double shared = random.nextGaussian();
            for (int ch = 0; ch < 3; ch++) {
                double n = grayNoise ? shared : random.nextGaussian();
                double sigma = shotNoise ? noiseSigma * Math.sqrt(Math.max(c[ch], 1) / 255.0) : noiseSigma;
                c[ch] = clampByte((float) (c[ch] + sigma * n));
            }
            px[i] = 0xff000000 | c[0] << 16 | c[1] << 8 | c[2];
        }
        return new ArgbImage(image.width(), image.height(), px);
    }

    /** A JPEG round trip through ImageIO's libjpeg-derived codec: Annex K tables at IJG quality, 4:2:0, decoded. */
    public static ArgbImage jpeg(ArgbImage image, int quality) {
        return decodeJpeg(jpegBytes(image, quality), image.width(), image.height());
    }

    /** The JPEG file ImageIO writes for {@code image} at IJG {@code quality} (4:2:0, JFIF). */
    public static byte[] jpegBytes(ArgbImage image, int quality) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Decodes a JPEG of known size to opaque RGB. */
    public static ArgbImage decodeJpeg(byte[] jpeg, int width, int height) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
            int[] px = decoded.getRGB(0, 0, width, height, null, 0, width);
            return new ArgbImage(width, height, px);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[][] planes(ArgbImage image) {
        int[] px = image.pixels();
        float[][] rgb = new float[3][px.length];
        for (int i = 0; i < px.length; i++) {
            rgb[0][i] = (px[i] >> 16) & 0xff;
            rgb[1][i] = (px[i] >> 8) & 0xff;
            rgb[2][i] = px[i] & 0xff;
        }
        return rgb;
    }

    private static ArgbImage toImage(float[][] rgb, int w, int h) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xff000000 | clampByte(rgb[0][i]) << 16 | clampByte(rgb[1][i]) << 8 | clampByte(rgb[2][i]);
        }
        return new ArgbImage(w, h, px);
    }

    private static int clampByte(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
