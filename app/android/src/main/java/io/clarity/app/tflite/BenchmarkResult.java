package io.clarity.app.tflite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What "Test this phone" measured: for each selectable model and backend, milliseconds per tile and how close the
 * output came to the CPU fp32 output on the same tile ({@link PhoneBenchmark}). Immutable; {@link #encode} and
 * {@link #decode} are its stored form.
 */
public final class BenchmarkResult {
    /** One model on one backend. */
    public static final class Measurement {
        public final String modelId;
        public final Backend backend;
        /** Mean of the timed runs after a warm-up; 0 when it did not run. */
        public final double millisPerTile;
        /** Of the output against the CPU fp32 output, dB; infinite when identical, NaN when it did not run. */
        public final double psnr;
        /** Input pixels one tile enhances (its core, without the halo): turns ms per tile into ms per megapixel. */
        public final int corePixels;
        /** Why it did not run (the delegate refused the model, …), or null. */
        public final String error;

        public Measurement(String modelId, Backend backend, double millisPerTile, double psnr, int corePixels,
                           String error) {
            this.modelId = modelId;
            this.backend = backend;
            this.millisPerTile = millisPerTile;
            this.psnr = psnr;
            this.corePixels = corePixels;
            this.error = error;
        }

        /** Ran, and its output is within {@link PhoneBenchmark#MIN_PSNR_DB} of the CPU fp32 output. */
        public boolean passed() {
            return error == null && psnr >= PhoneBenchmark.MIN_PSNR_DB;
        }

        /** Milliseconds per input megapixel, or -1 when it did not run. */
        public double millisPerMegapixel() {
            return error != null || corePixels <= 0 ? -1 : millisPerTile * 1e6 / corePixels;
        }
    }

    public static final BenchmarkResult NONE = new BenchmarkResult(0, Collections.emptyList());

    private final long measuredAtMillis;
    private final List<Measurement> measurements;

    public BenchmarkResult(long measuredAtMillis, List<Measurement> measurements) {
        this.measuredAtMillis = measuredAtMillis;
        this.measurements = Collections.unmodifiableList(new ArrayList<>(measurements));
    }

    /** When it ran (wall clock); 0 for {@link #NONE}. */
    public long measuredAtMillis() {
        return measuredAtMillis;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public boolean isEmpty() {
        return measurements.isEmpty();
    }

    /** Every backend measured for {@code modelId}, in the order they ran. */
    public List<Measurement> of(String modelId) {
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : measurements) {
            if (m.modelId.equals(modelId)) {
                out.add(m);
            }
        }
        return out;
    }

    /** One line per measurement, tab-separated; the first line is the time it ran. */
    public String encode() {
        StringBuilder b = new StringBuilder().append(measuredAtMillis).append('\n');
        for (Measurement m : measurements) {
            b.append(m.modelId).append('\t').append(m.backend.name()).append('\t')
                    .append(String.format(Locale.ROOT, "%.4f", m.millisPerTile)).append('\t')
                    .append(Double.toString(m.psnr)).append('\t').append(m.corePixels).append('\t')
                    .append(m.error == null ? "" : m.error.replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return b.toString();
    }

    /** The stored form back; {@link #NONE} for null, or for anything written by another version that does not parse. */
    public static BenchmarkResult decode(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        try {
            String[] lines = text.split("\n");
            List<Measurement> out = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", -1);
                out.add(new Measurement(f[0], Backend.valueOf(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Integer.parseInt(f[4]), f[5].isEmpty() ? null : f[5]));
            }
            return new BenchmarkResult(Long.parseLong(lines[0]), out);
        } catch (RuntimeException e) {
            return NONE;
        }
    }
}
