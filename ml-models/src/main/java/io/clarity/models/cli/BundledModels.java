package io.clarity.models.cli;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.ShippedModels;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The models packaged with the CLI under {@code /models/} (ml-models/models: each .tflite, the weight pairs of the
 * blendable real-photo models, and the model catalog whose measured numbers pick the default and {@code --list-models}
 * prints).
 */
final class BundledModels {
    private static final String DIR = "models/";
    private static ShippedModels catalog;

    /** One bundled .tflite and its Set5 / Set14 Y PSNR from the catalog (NaN for a file the evaluator does not score). */
    record Entry(String id, ModelDescription description, double set5, double set14) {
    }

    private BundledModels() {
    }

    /** The model catalog packaged beside the .tflite files; a jar without it is a broken build, not a user error. */
    static synchronized ShippedModels catalog() {
        if (catalog == null) {
            try (InputStream in = BundledModels.class.getResourceAsStream("/" + DIR + ShippedModels.FILE_NAME)) {
                if (in == null) {
                    throw new IllegalStateException("the jar holds no /" + DIR + ShippedModels.FILE_NAME);
                }
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    catalog = ShippedModels.parse(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalog;
    }

    /** The model {@code enhance} uses when none is named: the best measured Y (fidelity) model for the scale. */
    static String defaultModel(int scale) {
        return catalog().best(scale, ModelSpec.Channels.Y).map(ShippedModels.Entry::id)
                .orElseThrow(() -> new IllegalArgumentException("no bundled model upscales x" + scale));
    }

    /** True when the id's two weight sets ship, so its detail strength can be chosen. */
    static boolean blendable(String id) {
        return exists(id + ".clw") && exists(id + BlendedModel.DETAIL_SUFFIX + ".clw");
    }

    /** True when the id also ships heavy fidelity weights, so its cleaning strength can be chosen. */
    static boolean cleanable(String id) {
        return blendable(id) && exists(id + BlendedModel.HEAVY_SUFFIX + ".clw");
    }

    /**
     * The .tflite bytes of a bundled model; for a blendable one at detail strength {@code alpha} (null: the shipped
     * file) and, when it has heavy weights, cleaning strength {@code strength}, the network blended from its weight
     * sets ({@link BlendedModel#blend}), in float32 as the CPU runs it.
     */
    static Optional<byte[]> load(String id, Float alpha, float strength) throws IOException {
        if (alpha != null) {
            WeightsFile light = WeightsFile.parse(read(id + ".clw"));
            WeightsFile heavy = cleanable(id) ? WeightsFile.parse(read(id + BlendedModel.HEAVY_SUFFIX + ".clw")) : null;
            WeightsFile detail = WeightsFile.parse(read(id + BlendedModel.DETAIL_SUFFIX + ".clw"));
            return Optional.of(BlendedModel.write(id, light, heavy, detail, strength, alpha, false));
        }
        return exists(id + ".tflite") ? Optional.of(read(id + ".tflite")) : Optional.empty();
    }

    /** Every bundled .tflite, by id, with the numbers its card gives it. */
    static List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : names()) {
            if (!name.endsWith(".tflite")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".tflite".length());
            double[] scores = scores(id);
            entries.add(new Entry(id, TfliteHostModel.readMetadata(read(name)), scores[0], scores[1]));
        }
        Collections.sort(entries, (a, b) -> a.id().compareTo(b.id()));
        return entries;
    }

    /** fp32 and int8 files have their own catalog numbers; fp16 ones are not scored on their own. */
    private static double[] scores(String id) {
        if (id.endsWith("-fp16")) {
            return new double[] {Double.NaN, Double.NaN};
        }
        boolean int8 = id.endsWith("-int8");
        return catalog().find(id.replaceFirst("-int8$", ""))
                .map(m -> int8 ? new double[] {m.set5Int8(), m.set14Int8()} : new double[] {m.set5(), m.set14()})
                .orElse(new double[] {Double.NaN, Double.NaN});
    }

    private static boolean exists(String name) {
        return BundledModels.class.getResource("/" + DIR + name) != null;
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = BundledModels.class.getResourceAsStream("/" + DIR + name)) {
            if (in == null) {
                throw new IOException("no bundled " + name);
            }
            return in.readAllBytes();
        }
    }

    /** File names under /models/ in the jar (or in target/classes when run from the build). */
    private static List<String> names() throws IOException {
        Path location;
        try {
            location = Path.of(BundledModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            Path dir = location.resolve(DIR);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(location.toFile())) {
                jar.stream().map(ZipEntry::getName)
                        .filter(n -> n.startsWith(DIR) && n.indexOf('/', DIR.length()) < 0 && n.length() > DIR.length())
                        .forEach(n -> names.add(n.substring(DIR.length())));
            }
        }
        return names;
    }
}
