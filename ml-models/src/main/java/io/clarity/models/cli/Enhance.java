package io.clarity.models.cli;

import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.EnhanceResult;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.Progress;
import io.clarity.models.desktop.ImageIoRegionSource;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.ShippedModels;
import io.clarity.models.tflite.TfliteHostModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * {@code enhance IN OUT [--model NAME] [--scale N] [--quality Q] [--threads T]}: upscales a photo on the desktop
 * with the engine and a TFLite model run by the host runtime, streaming (the photo is never whole in memory),
 * EXIF and ICC carried over. NAME is a bundled model id ({@code fast-x2}) or a .tflite path; the default is
 * the best measured bundled Y model for the scale (2 unless given), from the model catalog. Exit codes: 0 done, 1 failed,
 * 2 bad arguments.
 */
public final class Enhance {
    private static final int DEFAULT_QUALITY = 95;

    private Enhance() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command; returns the exit code. Every failure is one line on {@code err}. */
    public static int run(String[] args, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("enhance: " + e.getMessage());
            err.println("usage: enhance IN OUT [--model NAME] [--scale N] [--quality Q] [--threads T]");
            return 2;
        }
        try {
            enhance(a, err);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("enhance: " + oneLine(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("enhance: interrupted");
            return 1;
        }
    }

    private static void enhance(Arguments a, PrintStream err) throws IOException, InterruptedException {
        if (!Files.isRegularFile(a.input)) {
            throw new IOException(a.input + ": no such file");
        }
        if (!JpegCompleteness.isComplete(a.input)) {
            throw new IOException(a.input + ": truncated JPEG (no end-of-image marker)");
        }
        byte[] model = loadModel(a.model, a.scale);
        ModelDescription metadata;
        try {
            metadata = TfliteHostModel.readMetadata(model);
        } catch (IllegalArgumentException e) {
            throw new IOException("model " + a.model + ": " + e.getMessage(), e);
        }
        if (a.scale != 0 && metadata.totalScale() != a.scale) {
            throw new IOException("model " + metadata.name() + " upscales x" + metadata.totalScale() + ", not x" + a.scale);
        }
        String out = a.output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = out.endsWith(".png");
        if (!png && !out.endsWith(".jpg") && !out.endsWith(".jpeg")) {
            throw new IOException(a.output + ": output must end in .jpg, .jpeg or .png");
        }
        try (ImageIoRegionSource source = ImageIoRegionSource.open(a.input)) {
            int s = metadata.totalScale();
            PhotoMetadata carried = source.metadata().forOutput(source.width() * s, source.height() * s, true);
            if (png) {
                carried = carried.forPng();
            }
            if (carried.droppedSummary() != null) {
                err.println("enhance: warning: metadata not carried over: " + carried.droppedSummary());
            }
            FileOutputTarget target = new FileOutputTarget(a.output);
            ImageSink sink = png ? new StreamingPngWriter(target, carried)
                    : new StreamingJpegWriter(target, a.quality, StreamingJpegWriter.Subsampling.YUV420, carried);
            err.printf("%s: %dx%d -> %dx%d with %s%n", a.input.getFileName(), source.width(), source.height(),
                    source.width() * s, source.height() * s, metadata.name());
            Enhancer enhancer = new Enhancer(() -> metadata.wrap(new TfliteHostModel(model, 1)),
                    new EnhanceOptions(a.threads, EnhanceOptions.DEFAULT_TILE_SIZE));
            EnhanceResult result;
            try {
                result = enhancer.run(source, sink, p -> err.print("\r" + bar(p)), new CancellationToken());
            } finally {
                err.println(); // end the progress line, also before an error line
            }
            err.printf("%s written in %.1f s (%d tiles)%n", a.output, result.wallNanos() / 1e9, result.tiles());
        }
    }

    /** A bundled model id (ml-models/models, packaged in the jar) or a .tflite path. */
    private static byte[] loadModel(String name, int scale) throws IOException {
        String id = name != null ? name : defaultModel(scale == 0 ? 2 : scale);
        Path file = Paths.get(id);
        if (id.endsWith(".tflite") && Files.isRegularFile(file)) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = Enhance.class.getResourceAsStream("/models/" + id + ".tflite")) {
            if (in == null) {
                throw new IOException("no bundled model '" + id + "' and no such .tflite file");
            }
            return in.readAllBytes();
        }
    }

    /** The best measured bundled Y (fidelity) model for the scale, as the app's default: the catalog decides. */
    static String defaultModel(int scale) {
        return BundledModels.catalog().best(scale, ModelSpec.Channels.Y).map(ShippedModels.Entry::id)
                .orElseThrow(() -> new IllegalArgumentException("no bundled model upscales x" + scale));
    }

    static String bar(Progress p) {
        int width = 30;
        int filled = (int) Math.round(p.fraction() * width);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < width; i++) {
            b.append(i < filled ? '#' : '.');
        }
        return b.append(String.format("] %3d%%  %d/%d tiles  ETA %ds", Math.round(p.fraction() * 100),
                p.tilesDone(), p.tilesTotal(), (p.etaMillis() + 999) / 1000)).toString();
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

    /** Parsed command line. */
    static final class Arguments {
        Path input;
        Path output;
        String model;
        int scale;
        int quality = DEFAULT_QUALITY;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            int positional = 0;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--model":
                            a.model = value;
                            break;
                        case "--scale":
                            a.scale = number(arg, value, 2, 4);
                            break;
                        case "--quality":
                            a.quality = number(arg, value, 1, 100);
                            break;
                        case "--threads":
                            a.threads = number(arg, value, 1, 64);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + arg);
                    }
                } else if (positional == 0) {
                    a.input = Paths.get(arg);
                    positional++;
                } else if (positional == 1) {
                    a.output = Paths.get(arg);
                    positional++;
                } else {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
            }
            if (positional != 2) {
                throw new IllegalArgumentException("need IN and OUT");
            }
            return a;
        }

        private static int number(String option, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
            }
        }
    }
}
