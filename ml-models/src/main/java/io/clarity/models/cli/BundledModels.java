package io.clarity.models.cli;

import io.clarity.engine.model.ModelDescription;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The models packaged with the CLI under {@code /models/} (ml-models/models: each .tflite, the weight pairs of the
 * blendable real-photo models, and the model cards whose measured numbers {@code --list-models} prints).
 */
final class BundledModels {
    private static final String DIR = "models/";
    /** A card's result row: {@code | fast-x2 int8 (`fast-x2-int8.tflite`) | 36.43 / 0.9503 | 32.34 / 0.9033 |}. */
    private static final Pattern CARD_ROW = Pattern.compile(
            "^\\| [^|]*\\(`([^`]+)\\.tflite`\\) \\| ([0-9.]+) / [0-9.]+ \\| ([0-9.]+) / [0-9.]+ \\|");
    /** Families best first: the trained LR-space nets, SRCNN, then the least-squares baseline (see the cards). */
    private static final String[] DEFAULT_FAMILIES = {"fast", "srcnn", "linear"};

    /** One bundled .tflite and its Set5 / Set14 Y PSNR from its card (NaN when the card has no row for it). */
    record Entry(String id, ModelDescription description, double set5, double set14) {
    }

    private BundledModels() {
    }

    /**
     * The model {@code enhance} uses when none is named: the best bundled one for the scale, or the linear one's id
     * when none is bundled (loading then names it). The one place to point at a model catalog.
     */
    static String defaultModel(int scale) {
        for (String family : DEFAULT_FAMILIES) {
            String id = family + "-x" + scale;
            if (exists(id + ".tflite")) {
                return id;
            }
        }
        return "linear-x" + scale;
    }

    /** True when the id's two weight sets ship, so its detail strength can be chosen. */
    static boolean blendable(String id) {
        return exists(id + ".clw") && exists(id + BlendedModel.DETAIL_SUFFIX + ".clw");
    }

    /**
     * The .tflite bytes of a bundled model; for a blendable one at {@code strength} (null: the shipped file), the
     * network blended from its two weight sets, in float32 as the CPU runs it.
     */
    static Optional<byte[]> load(String id, Float strength) throws IOException {
        if (strength != null) {
            WeightsFile fidelity = WeightsFile.parse(read(id + ".clw"));
            WeightsFile detail = WeightsFile.parse(read(id + BlendedModel.DETAIL_SUFFIX + ".clw"));
            return Optional.of(BlendedModel.write(id, fidelity, detail, strength, false));
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
            double[] scores = cardScores(id);
            entries.add(new Entry(id, TfliteHostModel.readMetadata(read(name)), scores[0], scores[1]));
        }
        Collections.sort(entries, (a, b) -> a.id().compareTo(b.id()));
        return entries;
    }

    /** The card of a network is {@code <base>.md}; variants ({@code -fp16}, {@code -int8}) have rows in it. */
    private static double[] cardScores(String id) throws IOException {
        String base = id.replaceFirst("-(fp16|int8)$", "");
        if (exists(base + ".md")) {
            for (String line : new String(read(base + ".md"), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = CARD_ROW.matcher(line);
                if (m.find() && m.group(1).equals(id)) {
                    return new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
                }
            }
        }
        return new double[] {Double.NaN, Double.NaN};
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
