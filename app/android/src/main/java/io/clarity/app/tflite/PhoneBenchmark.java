package io.clarity.app.tflite;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.pipeline.EnhanceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * "Test this phone": each selectable model on one fixed tile on every backend the phone has, timed, and its output
 * checked against the CPU fp32 output of the same tile. The tile is the job's own size
 * ({@link EnhanceOptions#DEFAULT_TILE_SIZE}), so milliseconds per tile here are milliseconds per tile in a job.
 */
public final class PhoneBenchmark {
    /**
     * The output check: PSNR against the CPU fp32 output of at least 40 dB (RMS difference ≤ 1 % of full scale). The
     * shipped int8 models score about 50 dB against their own float output and fp16 on a GPU higher still, while a
     * delegate that computes wrongly (a driver bug, a mis-mapped op) lands far below.
     */
    public static final double MIN_PSNR_DB = 40.0;
    /** Timed runs after the warm-up (the first run of a delegate compiles kernels and is not typical). */
    static final int TIMED_RUNS = 3;
    /** The photo size the screen quotes: 12 MP, 4000 × 3000. */
    public static final int PHOTO_WIDTH = 4000;
    public static final int PHOTO_HEIGHT = 3000;

    /** Opens one model on one backend (the real one is TFLite; tests pass fakes). */
    @FunctionalInterface
    public interface Backends {
        SuperResolutionModel open(String modelId, Backend backend) throws Exception;
    }

    /** Told after each measurement, for a progress line. */
    @FunctionalInterface
    public interface Progress {
        void measured(int done, int total, BenchmarkResult.Measurement last);
    }

    private PhoneBenchmark() {
    }

    /**
     * @param modelIds   the selectable models
     * @param candidates {@link BackendChoice#candidates}; {@link Backend#CPU} is the reference and runs first
     * @param nanoTime   times the runs: {@code System::nanoTime} (tests pass a clock their fake backends advance, so
     *                   a ranking never depends on how busy the machine is)
     */
    public static BenchmarkResult run(List<String> modelIds, List<Backend> candidates, Backends backends,
                                      Progress progress, long nowMillis, LongSupplier nanoTime) {
        List<BenchmarkResult.Measurement> out = new ArrayList<>();
        int total = modelIds.size() * candidates.size();
        for (String id : modelIds) {
            FloatImage reference = null;
            String referenceError = null;
            for (Backend backend : candidates) {
                BenchmarkResult.Measurement m;
                if (backend != Backend.CPU && reference == null) {
                    m = new BenchmarkResult.Measurement(id, backend, 0, Double.NaN, 0,
                            "no CPU fp32 output to compare with: " + referenceError);
                } else {
                    Timed timed = measure(id, backend, backends, nanoTime);
                    if (backend == Backend.CPU) {
                        reference = timed.output;
                        referenceError = timed.error;
                    }
                    double psnr = timed.output == null ? Double.NaN : psnr(timed.output, reference);
                    m = new BenchmarkResult.Measurement(id, backend, timed.millis, psnr, timed.corePixels, timed.error);
                }
                out.add(m);
                progress.measured(out.size(), total, m);
            }
        }
        return new BenchmarkResult(nowMillis, out);
    }

    private static final class Timed {
        FloatImage output;
        double millis;
        int corePixels;
        String error;
    }

    private static Timed measure(String id, Backend backend, Backends backends, LongSupplier nanoTime) {
        Timed t = new Timed();
        try (SuperResolutionModel model = backends.open(id, backend)) {
            ModelSpec spec = model.spec();
            int side = EnhanceOptions.DEFAULT_TILE_SIZE; // the GPU's and NNAPI's fixed shape too
            FloatImage tile = tile(side, spec.channels().count());
            t.output = model.upscale(tile); // warm-up: kernels compile, caches fill
            long start = nanoTime.getAsLong();
            for (int i = 0; i < TIMED_RUNS; i++) {
                model.upscale(tile);
            }
            t.millis = (nanoTime.getAsLong() - start) / 1e6 / TIMED_RUNS;
            int core = Math.max(1, side - 2 * spec.halo());
            t.corePixels = core * core;
        } catch (Exception | LinkageError e) {
            t.output = null;
            t.error = String.valueOf(e);
        }
        return t;
    }

    /**
     * The fixed tile: a smooth gradient, hard edges and seeded noise, values in [0, 1]; the same on every phone and
     * run, so outputs compare.
     */
    static FloatImage tile(int side, int channels) {
        FloatImage t = new FloatImage(side, side, channels);
        Random noise = new Random(12);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < channels; c++) {
                    float gradient = (x + y + 17f * c) / (2f * side + 40f);
                    float edge = ((x / 24 + y / 24) % 2 == 0) ? 0.25f : 0f;
                    float v = 0.6f * gradient + edge + 0.1f * noise.nextFloat();
                    t.set(x, y, c, Math.max(0f, Math.min(1f, v)));
                }
            }
        }
        return t;
    }

    /** PSNR of {@code a} against {@code b}, peak 1; infinite when equal; NaN when the shapes differ. */
    static double psnr(FloatImage a, FloatImage b) {
        if (b == null || a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            return Double.NaN;
        }
        float[] x = a.data();
        float[] y = b.data();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.max(0f, Math.min(1f, x[i])) - Math.max(0f, Math.min(1f, y[i]));
            sum += d * d;
        }
        double mse = sum / x.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    /**
     * Estimated milliseconds for a 12 MP photo on this measurement: its time per tile core (the halo's overlap
     * included), over 12 MP; -1 when it did not run.
     */
    public static long photoMillis(BenchmarkResult.Measurement m) {
        double perMegapixel = m.millisPerMegapixel();
        return perMegapixel < 0 ? -1 : Math.round(perMegapixel * PHOTO_WIDTH * (double) PHOTO_HEIGHT / 1e6);
    }
}
