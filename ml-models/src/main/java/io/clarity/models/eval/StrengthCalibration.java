package io.clarity.models.eval;

import io.clarity.engine.degradation.DegradationEstimate;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.train.RealisticDegradation;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the blind estimate's cleaning strength was chosen (issue #14): training photos (never Set5/Set14) through
 * degradations of known level, each upscaled by the real-photo model at a grid of fixed strengths; per level, the
 * best fixed strength, and what the engine's mapping ({@link DegradationEstimate#strength}) loses against it. A
 * grid search over the mapping's ramps picks the ones that lose least; the engine's constants are copied from it.
 *
 * <pre>
 * StrengthCalibration MODELS_DIR ID [LIGHT.clw]
 * </pre>
 */
public final class StrengthCalibration {
    static final float[] STRENGTHS = {0f, 0.25f, 0.5f, 0.75f, 1f};
    /** Every this-many-th BSD200 image, centre crop of this HR side: 8 images, milliseconds of model time each. */
    private static final int EVERY = 25;
    private static final int HR_SIDE = 256;

    /** One known degradation: HR blur σ, noise σ (8-bit levels), JPEG quality (0: a PNG, no tables). */
    record Level(double blur, double noise, int quality) {
        String name() {
            return String.format(Locale.ROOT, "blur %.1f, noise %.0f, %s", blur, noise, quality > 0 ? "q" + quality : "png");
        }
    }

    static final Level[] LEVELS = {
            new Level(0, 0, 0), new Level(0, 0, 95), new Level(0, 0, 90), new Level(0, 0, 80), new Level(0, 0, 70),
            new Level(0, 0, 60), new Level(0, 0, 50), new Level(0, 0, 40), new Level(0, 2, 90), new Level(0, 4, 80),
            new Level(0.8, 4, 80), new Level(0, 8, 80), new Level(0, 8, 70), new Level(0.8, 12, 60),
            new Level(0, 4, 0), new Level(0, 8, 0), new Level(0, 16, 0), new Level(1.6, 0, 80), new Level(1.6, 4, 70),
            new Level(2.4, 8, 60)};

    /** One degraded image: what the estimate read, and the PSNR at each of {@link #STRENGTHS}. */
    record Sample(int level, int quality, double noise, double blur, double[] psnr) {
        /** PSNR at strength s, linear between the grid's points. */
        double psnrAt(double s) {
            double x = Math.max(0, Math.min(1, s)) * (STRENGTHS.length - 1);
            int i = Math.min(STRENGTHS.length - 2, (int) x);
            return psnr[i] + (x - i) * (psnr[i + 1] - psnr[i]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: StrengthCalibration MODELS_DIR ID [LIGHT.clw]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String id = args[1];
        WeightsFile light = WeightsFile.read(args.length == 3 ? Path.of(args[2]) : dir.resolve(id + ".clw"));
        WeightsFile heavy = WeightsFile.read(dir.resolve(id + BlendedModel.HEAVY_SUFFIX + ".clw"));
        int scale = light.network().scale();
        Path data = SharedData.locate().orElseThrow(() -> new IOException("no shared/data found"));
        List<Path> files = PhotoTiles.imagesIn(data.resolve("train").resolve("BSD200"));
        List<ArgbImage> images = new ArrayList<>();
        for (int i = 0; i < files.size(); i += EVERY) {
            ArgbImage hr = Evaluator.readRgb(files.get(i));
            int side = Math.min(HR_SIDE, Math.min(hr.width(), hr.height())) / scale * scale;
            images.add(Evaluator.crop(hr, (hr.width() - side) / 2, (hr.height() - side) / 2, side, side));
        }
        List<ModelFactory> models = new ArrayList<>();
        for (float s : STRENGTHS) {
            byte[] model = BlendedModel.write(id, light, heavy, light, s, 0f, false); // α 0: the detail set is unused
            ModelDescription description = TfliteHostModel.readMetadata(model);
            models.add(() -> description.wrap(new TfliteHostModel(model, 1)));
        }
        Evaluator evaluator = new Evaluator(new EnhanceOptions(1, 128));
        List<Sample> samples = new ArrayList<>();
        for (int l = 0; l < LEVELS.length; l++) {
            Level level = LEVELS[l];
            for (int i = 0; i < images.size(); i++) {
                ArgbImage gt = images.get(i);
                RealisticDegradation d = new RealisticDegradation(level.blur, level.blur, 0, false, level.noise,
                        false, false, 0, 1000L * l + i);
                ArgbImage lr = d.apply(gt, scale);
                byte[] header = new byte[0];
                if (level.quality > 0) {
                    header = RealisticDegradation.jpegBytes(lr, level.quality);
                    lr = RealisticDegradation.decodeJpeg(header, lr.width(), lr.height());
                }
                DegradationEstimate e = DegradationEstimate.of(lr, header);
                double[] psnr = new double[STRENGTHS.length];
                for (int k = 0; k < STRENGTHS.length; k++) {
                    ArgbImage sr = evaluator.upscale(lr, models.get(k));
                    psnr[k] = QualityMetrics.psnr(Evaluator.luma(sr, false).shave(scale), Evaluator.luma(gt, false).shave(scale));
                }
                samples.add(new Sample(l, e.jpegQuality().map(q -> q.quality()).orElse(0), e.noiseSigma(),
                        e.blurSigma(), psnr));
            }
            System.out.printf(Locale.ROOT, "level %-24s %s%n", level.name(), summary(samples, l, Ramps.ENGINE));
        }
        Ramps best = fit(samples);
        System.out.printf(Locale.ROOT, "%nengine's mapping: mean loss %.3f dB, worst level %.3f dB%n",
                loss(samples, Ramps.ENGINE)[0], loss(samples, Ramps.ENGINE)[1]);
        System.out.printf(Locale.ROOT, "fitted: %s: mean loss %.3f dB, worst level %.3f dB%n", best,
                loss(samples, best)[0], loss(samples, best)[1]);
        for (int l = 0; l < LEVELS.length; l++) {
            System.out.printf(Locale.ROOT, "fitted  %-24s %s%n", LEVELS[l].name(), summary(samples, l, best));
        }
    }

    /**
     * The mapping's shape: the sum of three ramps, JPEG from quality {@code q0} (0) down to {@code q1} (1), noise
     * from {@code n0} up to {@code n1}, blur from {@code b0} up to {@code b1}, clipped to 0..1.
     */
    record Ramps(double q0, double q1, double n0, double n1, double b0, double b1) {
        static final Ramps ENGINE = new Ramps(DegradationEstimate.QUALITY_LIGHT, DegradationEstimate.QUALITY_HEAVY,
                DegradationEstimate.NOISE_LIGHT, DegradationEstimate.NOISE_HEAVY, DegradationEstimate.BLUR_LIGHT,
                DegradationEstimate.BLUR_HEAVY);

        double strength(Sample s) {
            return DegradationEstimate.strength(s.quality == 0 ? null : s.quality, s.noise, s.blur, q0, q1, n0, n1, b0, b1);
        }
    }

    /** Per level: mean dB below the level's best fixed strength, over all levels and at the worst one. */
    static double[] loss(List<Sample> samples, Ramps ramps) {
        double sum = 0;
        double worst = 0;
        for (int l = 0; l < LEVELS.length; l++) {
            double[] fixed = new double[STRENGTHS.length];
            double auto = 0;
            int n = 0;
            for (Sample s : samples) {
                if (s.level == l) {
                    for (int k = 0; k < fixed.length; k++) {
                        fixed[k] += s.psnr[k];
                    }
                    auto += s.psnrAt(ramps.strength(s));
                    n++;
                }
            }
            double best = Double.NEGATIVE_INFINITY;
            for (double f : fixed) {
                best = Math.max(best, f / n);
            }
            double lost = Math.max(0, best - auto / n);
            sum += lost;
            worst = Math.max(worst, lost);
        }
        return new double[] {sum / LEVELS.length, worst};
    }

    /** Grid search over the ramps' ends: least mean loss, the worst level breaking ties. */
    static Ramps fit(List<Sample> samples) {
        Ramps best = Ramps.ENGINE;
        double[] bestLoss = loss(samples, best);
        for (double q0 : new double[] {100, 97, 95, 92, 90, 87, 85, 82, 80, 77, 75, 70}) {
            for (double q1 : new double[] {60, 50, 40, 30, 20, 10}) {
                for (double n0 : new double[] {1, 2, 3, 4, 5, 6, 8}) {
                    for (double n1 : new double[] {6, 8, 10, 12, 16, 20, 30}) {
                        for (double b0 : new double[] {0.6, 0.8, 1.0, 1.2}) {
                            for (double b1 : new double[] {1.0, 1.2, 1.6, 2.0, 2.4, 3.0}) {
                                if (q1 >= q0 || n1 <= n0 || b1 <= b0) {
                                    continue;
                                }
                                Ramps r = new Ramps(q0, q1, n0, n1, b0, b1);
                                double[] l = loss(samples, r);
                                if (l[0] < bestLoss[0] - 1e-9 || (Math.abs(l[0] - bestLoss[0]) <= 1e-9 && l[1] < bestLoss[1])) {
                                    best = r;
                                    bestLoss = l;
                                }
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private static String summary(List<Sample> samples, int level, Ramps ramps) {
        double[] fixed = new double[STRENGTHS.length];
        double auto = 0;
        double strength = 0;
        double q = 0;
        double noise = 0;
        double blur = 0;
        int n = 0;
        for (Sample s : samples) {
            if (s.level == level) {
                for (int k = 0; k < fixed.length; k++) {
                    fixed[k] += s.psnr[k];
                }
                double st = ramps.strength(s);
                auto += s.psnrAt(st);
                strength += st;
                q += s.quality;
                noise += s.noise;
                blur += s.blur;
                n++;
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "read q %.0f noise %.2f blur %.2f | auto s %.2f %.2f dB | fixed", q / n, noise / n, blur / n, strength / n, auto / n));
        for (int k = 0; k < fixed.length; k++) {
            text.append(String.format(Locale.ROOT, " %.2f", fixed[k] / n));
        }
        return text.toString();
    }

    private StrengthCalibration() {
    }
}
