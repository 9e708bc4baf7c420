package io.clarity.models.eval;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.degradation.DegradationEstimate;
import io.clarity.engine.degradation.StrengthRamps;
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
import java.util.Random;

/**
 * How the blind estimate's cleaning strength was chosen (issue #14): training photos (never Set5/Set14), each through
 * a broad random spread of degradations (blur × noise × JPEG quality, drawn per image, no point of the test protocols
 * picked on purpose), each degraded image upscaled by the real-photo model at a grid of fixed strengths. A grid search
 * over the engine's {@link StrengthRamps} picks the ends whose strength loses least against each image's own best
 * strength (a per-image objective: the best fixed strength of a set can only be nearer); the engine's
 * {@link StrengthRamps#REALPHOTO_X2} is copied from it.
 *
 * <pre>
 * StrengthCalibration MODELS_DIR ID [LIGHT.clw]
 * </pre>
 */
public final class StrengthCalibration {
    static final float[] STRENGTHS = {0f, 0.25f, 0.5f, 0.75f, 1f};
    /**
     * The training folders and every how-many-th image of each (their centre crops of {@link #HR_SIDE}): 60 images,
     * the smooth, clean T91, the grainy scanned BSD200 and the photos, downscaled first as the trainer does.
     */
    private static final String[][] SETS = {{"T91", "4"}, {"BSD200", "8"}, {"photos", "3"}};
    private static final int PHOTO_DOWNSCALE = 4;
    private static final int HR_SIDE = 256;
    /** Degradations drawn per image: the first clean (a PNG), the second JPEG only, the rest from {@link #draw}. */
    static final int DRAWS = 6;

    /** One known degradation: HR blur σ, noise σ (8-bit levels), JPEG quality (0: a PNG, no tables). */
    record Level(double blur, double noise, int quality) {
        String name() {
            return String.format(Locale.ROOT, "blur %.1f, noise %.1f, %s", blur, noise, quality > 0 ? "q" + quality : "png");
        }
    }

    /**
     * Draw {@code d} of an image: d 0 clean, d 1 JPEG q 80..98 only (a phone photo as it is shared), else blur (p 0.6,
     * σ 0.3..2.4 HR px), colour noise (p 0.6, σ 1..16) and JPEG (p 0.75, q 30..98), each uniform.
     */
    static Level draw(Random random, int d) {
        if (d == 0) {
            return new Level(0, 0, 0);
        }
        if (d == 1) {
            return new Level(0, 0, 80 + random.nextInt(19));
        }
        double blur = random.nextDouble() < 0.6 ? 0.3 + 2.1 * random.nextDouble() : 0;
        double noise = random.nextDouble() < 0.6 ? 1 + 15 * random.nextDouble() : 0;
        int quality = random.nextDouble() < 0.75 ? 30 + random.nextInt(69) : 0;
        return new Level(blur, noise, quality);
    }

    /** One degraded image: its degradation, what the estimate read, and the PSNR at each of {@link #STRENGTHS}. */
    record Sample(Level level, int quality, double noise, double blur, double[] psnr) {
        /** PSNR at strength s, linear between the grid's points. */
        double psnrAt(double s) {
            double x = Math.max(0, Math.min(1, s)) * (STRENGTHS.length - 1);
            int i = Math.min(STRENGTHS.length - 2, (int) x);
            return psnr[i] + (x - i) * (psnr[i + 1] - psnr[i]);
        }

        double best() {
            double best = Double.NEGATIVE_INFINITY;
            for (double p : psnr) {
                best = Math.max(best, p);
            }
            return best;
        }

        /** dB below this image's own best fixed strength. */
        double loss(StrengthRamps ramps) {
            return best() - psnrAt(ramps.strength(quality == 0 ? null : quality, noise, blur));
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
        List<ArgbImage> images = new ArrayList<>();
        for (String[] set : SETS) {
            List<Path> files = PhotoTiles.imagesIn(data.resolve("train").resolve(set[0]));
            for (int i = 0; i < files.size(); i += Integer.parseInt(set[1])) {
                ArgbImage hr = Evaluator.readRgb(files.get(i));
                if (set[0].equals("photos")) {
                    hr = BicubicResampler.resize(hr, 1.0 / PHOTO_DOWNSCALE);
                }
                int side = Math.min(HR_SIDE, Math.min(hr.width(), hr.height())) / scale * scale;
                images.add(Evaluator.crop(hr, (hr.width() - side) / 2, (hr.height() - side) / 2, side, side));
            }
        }
        List<ModelFactory> models = new ArrayList<>();
        for (float s : STRENGTHS) {
            byte[] model = BlendedModel.write(id, light, heavy, light, s, 0f, false); // α 0: the detail set is unused
            ModelDescription description = TfliteHostModel.readMetadata(model);
            models.add(() -> description.wrap(new TfliteHostModel(model, 1)));
        }
        Evaluator evaluator = new Evaluator(new EnhanceOptions(1, 128));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ArgbImage gt = images.get(i);
            Random random = new Random(14_000L + i);
            for (int d = 0; d < DRAWS; d++) {
                Level level = draw(random, d);
                RealisticDegradation degradation = new RealisticDegradation(level.blur, level.blur, 0, false,
                        level.noise, false, false, 0, 1000L * i + d);
                ArgbImage lr = degradation.apply(gt, scale);
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
                Sample sample = new Sample(level, e.jpegQuality().map(q -> q.quality()).orElse(0), e.noiseSigma(),
                        e.blurSigma(), psnr);
                samples.add(sample);
                System.out.printf(Locale.ROOT, "image %2d %-28s %s%n", i, level.name(),
                        describe(sample, StrengthRamps.REALPHOTO_X2));
            }
        }
        StrengthRamps best = fit(samples);
        double[] engine = loss(samples, StrengthRamps.REALPHOTO_X2);
        double[] fitted = loss(samples, best);
        System.out.printf(Locale.ROOT, "%nengine's ramps (%s): mean loss %.3f dB, worst image %.3f dB%n",
                StrengthRamps.REALPHOTO_X2, engine[0], engine[1]);
        System.out.printf(Locale.ROOT, "fitted (%s): mean loss %.3f dB, worst image %.3f dB%n", best, fitted[0],
                fitted[1]);
        double atZero = 0;
        for (Sample s : samples) {
            atZero += s.best() - s.psnr[0];
        }
        System.out.printf(Locale.ROOT, "strength 0 throughout: mean loss %.3f dB%n", atZero / samples.size());
        for (Sample s : samples) {
            System.out.printf(Locale.ROOT, "fitted  %-28s %s%n", s.level.name(), describe(s, best));
        }
    }

    /** Over all samples: mean dB below each image's own best fixed strength, and the worst image's. */
    static double[] loss(List<Sample> samples, StrengthRamps ramps) {
        double sum = 0;
        double worst = 0;
        for (Sample s : samples) {
            double lost = s.loss(ramps);
            sum += lost;
            worst = Math.max(worst, lost);
        }
        return new double[] {sum / samples.size(), worst};
    }

    /** Grid search over the ramps' ends: least mean loss, the worst image breaking ties. */
    static StrengthRamps fit(List<Sample> samples) {
        StrengthRamps best = StrengthRamps.REALPHOTO_X2;
        double[] bestLoss = loss(samples, best);
        for (double q0 : new double[] {100, 97, 95, 92, 90, 87, 85, 82, 80, 77, 75, 70}) {
            for (double q1 : new double[] {60, 50, 40, 30, 20, 10}) {
                for (double n0 : new double[] {0.5, 1, 2, 3, 4, 5, 6, 8}) {
                    for (double n1 : new double[] {4, 6, 8, 10, 12, 16, 20, 30}) {
                        for (double b0 : new double[] {0.6, 0.8, 1.0, 1.2}) {
                            for (double b1 : new double[] {1.0, 1.2, 1.6, 2.0, 2.4, 3.0}) {
                                if (q1 >= q0 || n1 <= n0 || b1 <= b0) {
                                    continue;
                                }
                                StrengthRamps r = new StrengthRamps(q0, q1, n0, n1, b0, b1);
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

    private static String describe(Sample s, StrengthRamps ramps) {
        double strength = ramps.strength(s.quality == 0 ? null : s.quality, s.noise, s.blur);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "read q %3d noise %5.2f blur %.2f | auto s %.2f %.2f dB (loss %.2f) | fixed", s.quality, s.noise,
                s.blur, strength, s.psnrAt(strength), s.loss(ramps)));
        for (double p : s.psnr) {
            text.append(String.format(Locale.ROOT, " %.2f", p));
        }
        return text.toString();
    }

    private StrengthCalibration() {
    }
}
