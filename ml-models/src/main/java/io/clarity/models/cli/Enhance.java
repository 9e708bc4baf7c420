package io.clarity.models.cli;

import io.clarity.engine.degradation.DegradationEstimate;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.EnhanceResult;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.models.desktop.ImageIoRegionSource;
import io.clarity.models.tflite.TfliteHostModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The desktop {@code enhance} command: upscales photos, or folders of them, with the engine and a TFLite model run by
 * the host runtime, streaming (a photo is never whole in memory), EXIF, XMP, ICC and Ultra HDR gain maps carried over. Each photo is written
 * whole or not at all ({@link FileOutputTarget} renames a {@code .part} file).
 */
@Command(name = "enhance", mixinStandardHelpOptions = true, versionProvider = Enhance.Version.class, sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = {"enhance [OPTIONS] IN... OUT", "       enhance --list-models | --licenses | --help | --version"},
        description = {
            "Upscales photos with Clarity's models on this computer.",
            "",
            "  enhance IN.jpg OUT.jpg         one photo",
            "  enhance IN... OUTDIR           several photos into a folder",
            "  enhance DIR OUTDIR             a folder, recursively, mirroring its tree",
            "",
            "A photo whose output exists is skipped unless --overwrite. Reads JPEG, PNG, BMP, GIF and TIFF; writes JPEG or PNG.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every photo was written or skipped",
            "1:at least one photo failed (the others were still written)",
            "2:bad arguments: unknown option or model, value out of range, --strength on a model without it"})
public final class Enhance implements Callable<Integer> {
    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The app's default detail strength for a blendable model (OptionsViewModel.DEFAULT_DETAIL_STRENGTH). */
    static final float DEFAULT_DETAIL = 0.5f;

    enum Format { jpeg, png }

    @Parameters(paramLabel = "IN... OUT", hideParamSyntax = true, description = "Photos or folders to upscale, then the output file or folder.")
    private List<Path> paths = new ArrayList<>();

    @Option(names = {"-m", "--model"}, paramLabel = "ID|FILE.tflite",
            description = "A bundled model (see --list-models) or a .tflite file. Default: the best bundled model for the scale.")
    private String model;

    @Option(names = {"-s", "--scale"}, paramLabel = "2|3|4", description = "Upscaling factor (default 2, or the model's).")
    private Integer scale;

    @Option(names = "--detail", paramLabel = "0..1",
            description = "Detail strength of a real-photo model (realphoto-xN): 0 keeps to the photo, 1 adds the most texture; default "
                    + DEFAULT_DETAIL + ".")
    private Float detail;

    @Option(names = "--strength", paramLabel = "auto|0..1",
            description = "How hard a real-photo model with light and heavy weights cleans: auto (default) estimates each photo's "
                    + "JPEG quality, noise and blur; 0 is the light weights, 1 the heavy ones.")
    private String cleaning = "auto";

    @Option(names = {"-f", "--format"}, paramLabel = "jpeg|png",
            description = "Output format. Default: OUT's extension for one file, else PNG for PNG inputs and JPEG for the rest.")
    private Format format;

    @Option(names = {"-q", "--quality"}, paramLabel = "1..100", description = "JPEG quality (default ${DEFAULT-VALUE}).")
    private int quality = 95;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Worker threads (default: the number of cores, ${DEFAULT-VALUE} here).")
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--overwrite", description = "Replace outputs that exist instead of skipping their photos.")
    private boolean overwrite;

    @Option(names = "--sdr", description = "Write plain SDR JPEGs: leave out an Ultra HDR photo's gain map (kept by default).")
    private boolean sdr;

    @Option(names = "--list-models", description = "List the bundled models with their measured quality, then exit.")
    private boolean listModels;

    @Option(names = "--licenses", description = "Print the licences of Clarity and the software it includes, then exit.")
    private boolean licenses;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private Enhance(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. Help, version, models and licences go to {@code out}, the rest to {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Enhance(out, err));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, a) -> {
            err.println("enhance: " + e.getMessage());
            err.println("Try 'enhance --help' for more information.");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, l, parsed) -> {
            err.println("enhance: " + oneLine(e));
            return FAILED;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (listModels) {
            out.print(ModelList.format(BundledModels.list()));
            return DONE;
        }
        if (licenses) {
            out.print(Licenses.text());
            return DONE;
        }
        check(quality >= 1 && quality <= 100, "--quality must be 1..100, was " + quality);
        check(threads >= 1 && threads <= 256, "--threads must be 1..256, was " + threads);
        check(scale == null || (scale >= 2 && scale <= 4), "--scale must be 2, 3 or 4, was " + scale);
        check(detail == null || (detail >= 0f && detail <= 1f), "--detail must be 0..1, was " + detail);
        check(cleaning.equals("auto") || fixedCleaning() != null, "--strength must be auto or 0..1, was " + cleaning);
        check(paths.size() >= 2, "need IN... and OUT");

        ChosenModel chosen = chooseModel();
        List<PhotoJob> jobs;
        try {
            jobs = PhotoJob.plan(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new Batch(chosen, jobs).run();
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** The explicit --strength, or null for auto (and for anything that is not a number in 0..1). */
    private Float fixedCleaning() {
        if (cleaning.equals("auto")) {
            return null;
        }
        try {
            float v = Float.parseFloat(cleaning);
            return v >= 0f && v <= 1f ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The model bytes and their metadata, read once for the whole batch; a model with light and heavy weights
     * ({@code cleanable}) is blended again per photo at that photo's cleaning strength.
     */
    private record ChosenModel(byte[] bytes, ModelDescription description, String label, String id, Float alpha,
                               boolean cleanable) {
    }

    private ChosenModel chooseModel() throws IOException {
        String id = model != null ? model : BundledModels.defaultModel(scale == null ? 2 : scale);
        byte[] bytes;
        String label = id;
        Float alpha = null;
        boolean cleanable = false;
        if (id.endsWith(".tflite") && Files.isRegularFile(Path.of(id))) {
            check(detail == null, "--detail needs a bundled model with two weight sets (realphoto-xN), not a file");
            check(cleaning.equals("auto"), "--strength needs a bundled real-photo model (realphoto-xN), not a file");
            bytes = Files.readAllBytes(Path.of(id));
        } else {
            boolean blendable = BundledModels.blendable(id);
            check(detail == null || blendable, "--detail applies to a real-photo model (realphoto-xN); " + id
                    + " has one weight set");
            cleanable = BundledModels.cleanable(id);
            check(cleaning.equals("auto") || cleanable, "--strength applies to a real-photo model with light and heavy "
                    + "weights (realphoto-xN); " + id + " has one fidelity weight set");
            alpha = blendable ? (detail != null ? detail : DEFAULT_DETAIL) : null;
            Float s = fixedCleaning();
            bytes = BundledModels.load(id, alpha, s == null ? 0f : s).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "no bundled model '" + id + "' and no such .tflite file (see --list-models)"));
            if (alpha != null) {
                label = id + " at detail " + alpha;
            }
        }
        ModelDescription description;
        try {
            description = TfliteHostModel.readMetadata(bytes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "model " + id + ": " + e.getMessage());
        }
        check(scale == null || description.totalScale() == scale,
                "model " + description.name() + " upscales x" + description.totalScale() + ", not x" + scale);
        return new ChosenModel(bytes, description, label, id, alpha, cleanable);
    }

    /** One run over the planned photos: progress on one line, a line per photo, a summary line. */
    private final class Batch {
        private final ChosenModel chosen;
        private final List<PhotoJob> jobs;
        private final ProgressLine progress;
        private int done;
        private int skipped;
        private int failed;

        Batch(ChosenModel chosen, List<PhotoJob> jobs) {
            this.chosen = chosen;
            this.jobs = jobs;
            this.progress = new ProgressLine(err, jobs.size());
        }

        int run() {
            long start = System.nanoTime();
            for (int i = 0; i < jobs.size(); i++) {
                PhotoJob job = jobs.get(i);
                if (job.problem() != null) {
                    fail(job, job.problem());
                } else if (Files.exists(job.output()) && !overwrite) {
                    skipped++;
                    err.println("skipped " + job.input() + ": " + job.output() + " exists (--overwrite replaces it)");
                } else {
                    try {
                        enhance(i, job);
                        done++;
                    } catch (IOException | RuntimeException e) {
                        progress.clear();
                        fail(job, oneLine(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        progress.clear();
                        fail(job, "interrupted");
                        break;
                    }
                }
            }
            err.printf(Locale.ROOT, "enhance: %d done, %d skipped, %d failed in %.1f s%n", done, skipped, failed,
                    (System.nanoTime() - start) / 1e9);
            return failed > 0 ? FAILED : DONE;
        }

        private void fail(PhotoJob job, String why) {
            failed++;
            err.println("failed " + job.input() + ": " + why);
        }

        private void enhance(int index, PhotoJob job) throws IOException, InterruptedException {
            Path in = job.input();
            if (!Files.isRegularFile(in)) {
                throw new IOException("no such file");
            }
            PhotoFormat photoFormat = PhotoFormat.of(in);
            if (!photoFormat.decodable) {
                throw new IOException(photoFormat.advice);
            }
            if (photoFormat == PhotoFormat.JPEG && !JpegCompleteness.isComplete(in)) {
                throw new IOException("truncated JPEG (no end-of-image marker)");
            }
            ModelDescription description = chosen.description();
            int s = description.totalScale();
            try (ImageIoRegionSource source = ImageIoRegionSource.open(in)) {
                PhotoMetadata carried = source.metadata().forOutput(source.width() * s, source.height() * s, true);
                if (job.format() == Format.png) {
                    carried = carried.forPng();
                } else if (sdr) {
                    carried = carried.withGainMap(null);
                }
                if (carried.droppedSummary() != null) {
                    err.println("warning " + in + ": metadata not carried over: " + carried.droppedSummary());
                }
                Path parent = job.output().toAbsolutePath().getParent();
                Files.createDirectories(parent);
                FileOutputTarget target = new FileOutputTarget(job.output());
                ImageSink sink = job.format() == Format.png ? new StreamingPngWriter(target, carried)
                        : new StreamingJpegWriter(target, quality, StreamingJpegWriter.Subsampling.YUV420, carried);
                byte[] bytes = chosen.bytes();
                String label = chosen.label();
                if (chosen.cleanable()) {
                    Float fixed = fixedCleaning();
                    float s1 = fixed != null ? fixed : 0f;
                    String how = "";
                    if (fixed == null) {
                        DegradationEstimate estimate;
                        try (InputStream header = Files.newInputStream(in)) {
                            estimate = DegradationEstimate.of(source, DegradationEstimate.header(header));
                        }
                        s1 = estimate.strength();
                        how = " (auto: " + estimate + ")";
                        bytes = BundledModels.load(chosen.id(), chosen.alpha(), s1).orElseThrow();
                    }
                    label = String.format(Locale.ROOT, "%s, strength %.2f%s", label, s1, how);
                }
                byte[] network = bytes;
                Enhancer enhancer = new Enhancer(() -> description.wrap(new TfliteHostModel(network, 1)),
                        new EnhanceOptions(threads, EnhanceOptions.DEFAULT_TILE_SIZE));
                String name = in.getFileName().toString();
                EnhanceResult result = enhancer.run(source, sink, p -> progress.show(index, name, p), new CancellationToken());
                progress.clear();
                err.printf(Locale.ROOT, "done %s -> %s (%dx%d -> %dx%d, %s, %.1f s)%n", in, job.output(),
                        source.width(), source.height(), source.width() * s, source.height() * s, label,
                        result.wallNanos() / 1e9);
            }
        }
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        // The pipeline wraps tile failures; the innermost message says what went wrong.
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().startsWith("tile failed")) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ');
    }

    /** The project version, from a resource the build filters. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Enhance.class.getResourceAsStream("version.properties")) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return new String[] {"enhance (Clarity) " + p.getProperty("version"),
                "TFLite host runtime 2.6.2 (DJL tflite-native-cpu), Java " + Runtime.version()};
        }
    }
}
