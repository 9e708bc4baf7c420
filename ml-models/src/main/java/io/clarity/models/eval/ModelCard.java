package io.clarity.models.eval;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ShippedModels;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.tflite.TfliteModelWriter;
import io.clarity.models.train.Architectures;
import io.clarity.models.weights.WeightsFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the model card {@code <id>.md} of every model in a folder from committed files only: the weights
 * {@code <id>.clw} (architecture, parameters, MACs), the training record {@code <id>.training} (data, steps, hours:
 * what cannot be measured afterwards) and the shipped {@code <id>.tflite} / {@code <id>-int8.tflite}, which the
 * {@link Evaluator} scores on Set5 and Set14 through the engine's tiled pipeline and real TFLite. A model with
 * detail weights ({@code <id>-detail.clw}) is a real-photo model: {@link RealPhotoCard} adds issue #14's protocols and
 * committed crops of its own output. Benchmark crop sheets go to the git-ignored {@code cards/}: they hold pixels of
 * the data sets, which are not committed. The same measurements go into the one model list,
 * {@code MODELS_DIR/}{@value ShippedModels#FILE_NAME} ({@link ShippedModels}), which the app and the CLI read.
 * Usage: {@code ModelCard MODELS_DIR [ID...]}; {@code ModelCard --catalog-from-cards MODELS_DIR [ID...]} rebuilds
 * the list's entries from the committed cards' own tables instead of measuring again (SRCNN's cards take ~10 min
 * each here).
 */
public final class ModelCard {
    /**
     * Published Set5 / Set14 Y PSNR (dB) per scale 2, 3, 4, only as ../shared/data/README.md and the issues state
     * them; NaN (printed as —) where we have no source at hand.
     */
    private static final String[] PUBLISHED_NAMES = {"Bicubic (published)", "SRCNN 9-5-5 (Dong et al. 2016)",
            "FSRCNN (Dong et al. 2016)"};
    private static final double[][] PUBLISHED_SET5 = {{33.66, 30.39, 28.42}, {36.66, 32.75, 30.48},
            {37.00, 33.16, 30.72}};
    /** SRCNN's and FSRCNN's Set14 and FSRCNN's Set5 x3 as issue #13 states them. */
    private static final double[][] PUBLISHED_SET14 = {{30.24, 27.55, 26.00}, {32.45, 29.30, 27.50},
            {32.63, 29.43, 27.59}};
    private static final int TILE = 128;
    private static final int BENCH_CROP = 120;
    private static final String[] CROP_IMAGES = {"Set5/butterfly.png", "Set14/comic.png"};

    private ModelCard() {
    }

    /** One card and the catalog entry made from the same measurements. */
    record Card(String markdown, ShippedModels.Entry entry) {
    }

    public static void main(String[] args) throws Exception {
        boolean fromCards = args.length > 0 && args[0].equals("--catalog-from-cards");
        int first = fromCards ? 1 : 0;
        if (args.length < first + 1) {
            System.err.println("usage: ModelCard [--catalog-from-cards] MODELS_DIR [ID...]");
            System.exit(2);
        }
        Path dir = Paths.get(args[first]);
        List<String> ids = new ArrayList<>(Arrays.asList(args).subList(first + 1, args.length));
        if (ids.isEmpty()) {
            try (Stream<Path> files = Files.list(dir)) {
                ids = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".training"))
                        .map(n -> n.substring(0, n.length() - ".training".length())).sorted().collect(Collectors.toList());
            }
        }
        if (fromCards) {
            for (String id : ids) {
                writeCatalogEntry(dir, entryFromCard(dir, id));
            }
            System.out.println("wrote " + dir.resolve(ShippedModels.FILE_NAME) + " from " + ids.size() + " cards");
            return;
        }
        Path data = SharedData.locate().orElseThrow(() -> new IOException("no shared/data found"));
        for (String id : ids) {
            long start = System.nanoTime();
            Path file = dir.resolve(id + ".md");
            Card card = write(dir, id, data);
            Files.write(file, card.markdown().getBytes(StandardCharsets.UTF_8));
            writeCatalogEntry(dir, card.entry());
            System.out.printf(Locale.ROOT, "wrote %s and its catalog entry in %.0f s%n", file,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The catalog in {@code dir} with {@code entry} put in (written whole, atomically). */
    static void writeCatalogEntry(Path dir, ShippedModels.Entry entry) throws IOException {
        Path file = dir.resolve(ShippedModels.FILE_NAME);
        ShippedModels catalog = new ShippedModels(List.of());
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                catalog = ShippedModels.parse(r);
            }
        }
        Path part = dir.resolve(ShippedModels.FILE_NAME + ".part");
        Files.write(part, catalog.with(entry).format().getBytes(StandardCharsets.UTF_8));
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The catalog entry of a model: architecture facts from its weights, the files beside it, and the fp32 and
     * int8 Set5 / Set14 PSNR ({@code int8} null when there is no int8 file).
     */
    static ShippedModels.Entry catalogEntry(Path dir, String id, WeightsFile weights, double[] fp32, double[] int8) {
        return catalogEntry(dir, id, weights, fp32, int8, null);
    }

    /** @param protocols a real-photo model's degraded and clean-jpeg Set5 / Set14 PSNR (null: not measured) */
    static ShippedModels.Entry catalogEntry(Path dir, String id, WeightsFile weights, double[] fp32, double[] int8,
                                            double[] protocols) {
        Network net = weights.network();
        Set<ShippedModels.ShippedFile> files = EnumSet.noneOf(ShippedModels.ShippedFile.class);
        for (ShippedModels.ShippedFile f : ShippedModels.ShippedFile.values()) {
            if (Files.isRegularFile(dir.resolve(f.nameFor(id)))) {
                files.add(f);
            }
        }
        Matcher family = Pattern.compile("(.+)-x\\d+").matcher(id);
        return new ShippedModels.Entry(id, family.matches() ? family.group(1) : id,
                net.scale() * weights.bicubicPreUpscale(),
                ModelDescription.describe(id, net, weights.bicubicPreUpscale()).channels(),
                Architectures.parameterCount(net), (int) Math.round(Architectures.macsPerOutputPixel(net)),
                fp32[0], fp32[1], int8 == null ? Double.NaN : int8[0], int8 == null ? Double.NaN : int8[1], files,
                protocols == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN} : protocols);
    }

    /** The catalog entry from the committed card's results table (its fp32 and int8 rows), measuring nothing. */
    static ShippedModels.Entry entryFromCard(Path dir, String id) throws IOException {
        String card = new String(Files.readAllBytes(dir.resolve(id + ".md")), StandardCharsets.UTF_8);
        double[] fp32 = cardRow(card, id + " fp32 (`" + id + ".tflite`)");
        if (fp32 == null) {
            throw new IOException(id + ".md has no fp32 row: regenerate the card");
        }
        double[] degraded = cardRow(card, RealPhotoCard.autoRow(id, DegradationProtocol.DEGRADED));
        double[] cleanJpeg = cardRow(card, RealPhotoCard.autoRow(id, DegradationProtocol.CLEAN_JPEG));
        return catalogEntry(dir, id, WeightsFile.read(dir.resolve(id + ".clw")), fp32,
                cardRow(card, id + " int8 (`" + id + "-int8.tflite`)"), degraded == null || cleanJpeg == null ? null
                        : new double[] {degraded[0], degraded[1], cleanJpeg[0], cleanJpeg[1]});
    }

    /** Set5 and Set14 PSNR of the results row named {@code name}, as {@link #row} wrote it; null if absent. */
    static double[] cardRow(String card, String name) {
        Matcher m = Pattern.compile("^\\| " + Pattern.quote(name) + " \\| ([0-9.]+) / [0-9.]+ \\| ([0-9.]+) / [0-9.]+ \\|$",
                Pattern.MULTILINE).matcher(card);
        return m.find() ? new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))} : null;
    }

    static Card write(Path dir, String id, Path data) throws IOException, InterruptedException {
        Path bench = data.resolve("bench");
        Properties training = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(id + ".training"), StandardCharsets.UTF_8)) {
            training.load(r);
        }
        WeightsFile weights = WeightsFile.read(dir.resolve(id + ".clw"));
        Path detailFile = dir.resolve(id + BlendedModel.DETAIL_SUFFIX + ".clw");
        WeightsFile detail = Files.isRegularFile(detailFile) ? WeightsFile.read(detailFile) : null;
        Network net = weights.network();
        int scale = net.scale() * weights.bicubicPreUpscale();
        Evaluator evaluator = new Evaluator(new EnhanceOptions(1, TILE));
        Path fp32 = dir.resolve(id + ".tflite");
        Path int8 = dir.resolve(id + "-int8.tflite");
        StringBuilder md = new StringBuilder();
        md.append("# ").append(id).append(": ").append(training.getProperty("title", id)).append("\n\n");
        md.append(training.getProperty("summary", "")).append("\n\n");
        md.append("Generated by `io.clarity.models.eval.ModelCard` (`ml-models/regenerate-cards.sh`) from `").append(id)
                .append(".clw`, `").append(id).append(".training` and the shipped .tflite files; every PSNR below was "
                        + "measured by the evaluator (MATLAB-style bicubic LR, the engine's tiled pipeline with ")
                .append(TILE).append("-pixel tiles, real TFLite 2.6.2, Y of BT.601, `scale` pixels shaved).\n\n");

        md.append("## Architecture\n\n");
        md.append(String.format(Locale.ROOT, "- x%d, %s input, %s\n", scale, net.inputChannels() == 1 ? "Y (luma)" : "RGB",
                weights.bicubicPreUpscale() > 1 ? "bicubic pre-upscale x" + weights.bicubicPreUpscale()
                        + " then convolutions at the output size" : "convolutions at the input size, DEPTH_TO_SPACE at the end"));
        md.append(String.format(Locale.ROOT, "- parameters: %d\n", Architectures.parameterCount(net)));
        md.append(String.format(Locale.ROOT, "- MACs per output pixel: %.0f (SRCNN 9-5-5: 57184)\n",
                Architectures.macsPerOutputPixel(net)));
        md.append(String.format(Locale.ROOT, "- receptive-field halo: %d network-input pixels\n", net.halo()));
        md.append("- layers: ").append(describe(net)).append("\n\n");

        md.append("## Training\n\n");
        for (String key : new String[] {"data", "init", "steps", "batch", "loss", "optimizer", "hours", "command",
                "detail"}) {
            if (training.getProperty(key) != null) {
                md.append("- ").append(key).append(": ").append(training.getProperty(key)).append("\n");
            }
        }
        if (training.getProperty("patchesPerSecond") != null) {
            md.append("- throughput: ").append(throughput(net, training)).append("\n");
        }
        md.append("\n## Results (Y PSNR dB / SSIM)\n\n");
        md.append("| model | Set5 x").append(scale).append(" | Set14 x").append(scale).append(" |\n|---|---|---|\n");
        int column = scale - 2;
        for (int i = 0; i < PUBLISHED_NAMES.length && column >= 0 && column < 3; i++) {
            md.append("| ").append(PUBLISHED_NAMES[i]).append(" | ").append(published(PUBLISHED_SET5[i][column]))
                    .append(" | ").append(published(PUBLISHED_SET14[i][column])).append(" |\n");
        }
        Evaluator.SetScore[] bicubic = score(evaluator, bench, scale, Evaluator.bicubic(scale), Evaluator.BENCHMARK_INPUT);
        row(md, "Bicubic (this evaluator)", bicubic);
        Evaluator.SetScore[] f = score(evaluator, bench, scale, () -> TfliteHostModel.open(fp32, 2), Evaluator.BENCHMARK_INPUT);
        row(md, id + " fp32 (`" + fp32.getFileName() + "`)", f);
        Evaluator.SetScore[] q = Files.isRegularFile(int8)
                ? score(evaluator, bench, scale, () -> TfliteHostModel.open(int8, 2), Evaluator.BENCHMARK_INPUT) : null;
        if (q != null) {
            row(md, id + " int8 (`" + int8.getFileName() + "`)", q);
        }
        if (detail != null) {
            for (float alpha : new float[] {0.5f, 1f}) {
                row(md, String.format(Locale.ROOT, "%s detail strength α = %.1f (fp32, blended)", id, alpha),
                        score(evaluator, bench, scale, blended(id, weights, detail, alpha), Evaluator.BENCHMARK_INPUT));
            }
        }
        if (q != null) {
            md.append(String.format(Locale.ROOT, "\nint8 − fp32: Set5 %+.3f dB, Set14 %+.3f dB.\n",
                    q[0].psnr - f[0].psnr, q[1].psnr - f[1].psnr));
            TfliteModelWriter.Int8Layout layout = TfliteModelWriter.int8Layout(net);
            if (layout.floatSkip()) {
                int tail = layout.tailStart();
                int maker = TfliteModelWriter.outputMaker(net);
                md.append(String.format(Locale.ROOT, "The int8 file runs %.1f%% of its MACs in float "
                                + "(`ExportModel.int8`): the input skip%s%s.\n",
                        100 * Architectures.macsPerOutputPixel(net, layout::runsInFloat)
                                / Architectures.macsPerOutputPixel(net),
                        layout.headEnd() > 0 ? ", the first layers (" + describe(net.layers().subList(0,
                                layout.headEnd())) + ", on the float input)" : "",
                        tail < maker ? " and the last layers (" + describe(net.layers().subList(tail, maker)) + ")" : ""));
            }
        }
        Path heavyFile = dir.resolve(id + BlendedModel.HEAVY_SUFFIX + ".clw");
        RealPhotoCard realPhoto = detail == null ? null : new RealPhotoCard(evaluator, dir, bench, id, scale, weights,
                Files.isRegularFile(heavyFile) ? WeightsFile.read(heavyFile) : null, detail);
        double[] protocols = realPhoto == null ? null : realPhoto.appendResults(md);
        md.append("\n## Targets\n\n");
        if (training.getProperty("targetSet5") != null) {
            double target = Double.parseDouble(training.getProperty("targetSet5"));
            double miss = target - f[0].psnr;
            md.append(String.format(Locale.ROOT, "- Set5 x%d fp32 ≥ %.2f dB: %s\n", scale, target,
                    miss <= 0 ? String.format(Locale.ROOT, "met (+%.2f dB)", -miss)
                            : String.format(Locale.ROOT, "missed by %.2f dB", miss)));
        }
        if (training.getProperty("targetSet14") != null) {
            md.append(set14Target(scale, Double.parseDouble(training.getProperty("targetSet14")), f[1].psnr));
        }
        if (q != null) {
            double delta = q[0].psnr - f[0].psnr;
            md.append(String.format(Locale.ROOT, "- int8 within 0.1 dB of fp32 on Set5: %s (int8 − fp32 %+.3f dB)\n",
                    delta >= -0.1 ? "met" : "missed", delta));
        }
        if (weights.bicubicPreUpscale() == 1) {
            md.append(String.format(Locale.ROOT, "- fewer MACs per output pixel than SRCNN 9-5-5 (57184): %.0f\n",
                    Architectures.macsPerOutputPixel(net)));
        }
        if (training.getProperty("target") != null) {
            md.append("\n").append(training.getProperty("target")).append("\n");
        }
        if (training.getProperty("notes") != null) {
            md.append("\n## Notes\n\n").append(training.getProperty("notes")).append("\n");
        }

        md.append("\n## Crops\n\n");
        md.append("Written into `cards/` by the same run (git-ignored: they hold pixels of the data sets).\n\n");
        Path cards = dir.resolve("cards");
        Files.createDirectories(cards);
        for (String image : CROP_IMAGES) {
            Path file = bench.resolve(image);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String name = id + "-" + file.getFileName().toString();
            ArgbImage gt = Evaluator.cropToMultiple(Evaluator.readRgb(file), scale);
            ArgbImage lr = Evaluator.lowResolution(gt, scale);
            int side = Math.min(BENCH_CROP, Math.min(gt.width(), gt.height()));
            writeSheet(cards.resolve(name), side, (gt.width() - side) / 2, (gt.height() - side) / 2,
                    evaluator.upscale(lr, Evaluator.bicubic(scale)),
                    evaluator.upscale(lr, () -> TfliteHostModel.open(fp32, 2)), gt);
            md.append("![").append(image).append(": bicubic | ").append(id).append(" fp32 | ground truth](cards/")
                    .append(name).append(")\n\n");
        }
        if (realPhoto != null) {
            realPhoto.appendCrops(md, data, dir.resolve("crops"));
        }

        md.append("## Files\n\n");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(id + ".") || n.startsWith(id + "-");
            }).sorted().collect(Collectors.toList())) {
                md.append("- `").append(p.getFileName()).append("` (").append(Files.size(p)).append(" bytes)\n");
            }
        }
        return new Card(md.toString(), catalogEntry(dir, id, weights, new double[] {f[0].psnr, f[1].psnr},
                q == null ? null : new double[] {q[0].psnr, q[1].psnr}, protocols));
    }

    /** The card's line on the record's {@code targetSet14} (the issue sets Set14 targets beside Set5's). */
    static String set14Target(int scale, double target, double measured) {
        double miss = target - measured;
        return String.format(Locale.ROOT, "- Set14 x%d fp32 ≥ %.2f dB: %s\n", scale, target, miss <= 0
                ? String.format(Locale.ROOT, "met (+%.2f dB)", -miss) : String.format(Locale.ROOT, "missed by %.2f dB", miss));
    }

    /**
     * The training speed the record measured ({@code patchesPerSecond} of {@code patchSide}² network-input pixels),
     * in FLOP/s against the machine's peak {@code peakGflops} (default: issue #13's roughly 200 GFLOP/s fp32 of the
     * shared 2-core machine). A net that trained in a costlier layout than the one shipped ({@code
     * trainedMacsPerOutputPixel}: the input-copy layout before {@code FoldInputCopies}) is counted at what it ran.
     */
    static String throughput(Network net, Properties training) {
        double rate = Double.parseDouble(training.getProperty("patchesPerSecond"));
        int side = Integer.parseInt(training.getProperty("patchSide"));
        double peak = Double.parseDouble(training.getProperty("peakGflops", "200"));
        String trained = training.getProperty("trainedMacsPerOutputPixel");
        double flopsPerPatch = Architectures.trainingFlopsPerPatch(net, side)
                * (trained == null ? 1 : Double.parseDouble(trained) / Architectures.macsPerOutputPixel(net));
        double gflops = rate * flopsPerPatch / 1e9;
        return String.format(Locale.ROOT, "%.0f patches/s of %dx%d network-input pixels, %.1f GFLOP/s (forward and "
                + "backward, 6 FLOPs per MAC%s), %.0f%% of the machine's ~%.0f GFLOP/s fp32 peak%s", rate, side, side,
                gflops, trained == null ? "" : " of the layout it trained in, " + trained + " MACs per output pixel",
                100 * gflops / peak, peak, training.getProperty("throughputNote") == null ? ""
                        : "; " + training.getProperty("throughputNote"));
    }

    private static ModelFactory blended(String id, WeightsFile fidelity, WeightsFile detail, float alpha) {
        byte[] model = BlendedModel.write(id, fidelity, detail, alpha, false);
        ModelDescription description = TfliteHostModel.readMetadata(model);
        return () -> description.wrap(new TfliteHostModel(model, 2));
    }

    /** The square of the given side with the most local contrast on a coarse grid: where detail shows. */
    static ArgbImage busiestCrop(ArgbImage image, int side) {
        int bestX = 0;
        int bestY = 0;
        double best = -1;
        for (int y = 0; y + side <= image.height(); y += side / 2) {
            for (int x = 0; x + side <= image.width(); x += side / 2) {
                double energy = 0;
                for (int j = y; j < y + side; j += 2) {
                    for (int i = x + 1; i < x + side; i += 2) {
                        energy += Math.abs((image.get(i, j) & 0xff00) - (image.get(i - 1, j) & 0xff00)) >> 8;
                    }
                }
                if (energy > best) {
                    best = energy;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        return Evaluator.crop(image, bestX, bestY, side, side);
    }

    static void writeSheet(Path out, int side, int x0, int y0, ArgbImage... panels) throws IOException {
        int gap = 4;
        BufferedImage sheet = new BufferedImage(panels.length * side + (panels.length - 1) * gap, side,
                BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < panels.length; p++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    sheet.setRGB(p * (side + gap) + x, y, panels[p].get(x0 + x, y0 + y));
                }
            }
        }
        ImageIO.write(sheet, "png", out.toFile());
    }

    private static String published(double db) {
        return Double.isNaN(db) ? "—" : String.format(Locale.ROOT, "%.2f", db);
    }

    private static Evaluator.SetScore[] score(Evaluator evaluator, Path bench, int scale, ModelFactory model,
                                              Evaluator.LowResolutionMaker inputs)
            throws IOException, InterruptedException {
        Evaluator.SetScore[] r = new Evaluator.SetScore[2];
        String[] sets = {"Set5", "Set14"};
        for (int i = 0; i < 2; i++) {
            r[i] = evaluator.evaluate(bench.resolve(sets[i]), scale, model, inputs);
        }
        return r;
    }

    private static void row(StringBuilder md, String name, Evaluator.SetScore[] s) {
        md.append(String.format(Locale.ROOT, "| %s | %.2f / %.4f | %.2f / %.4f |\n", name, s[0].psnr, s[0].ssim,
                s[1].psnr, s[1].ssim));
    }

    private static String describe(Network net) {
        return describe(net.layers());
    }

    private static String describe(List<Layer> layers) {
        List<String> parts = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                parts.add(String.format(Locale.ROOT, "conv %dx%d %d→%d%s", c.kernelSize(), c.kernelSize(),
                        c.inChannels(), c.outChannels(), c.fusedRelu() ? " ReLU" : ""));
            } else if (layer instanceof PRelu) {
                parts.add("PReLU");
            } else if (layer instanceof LeakyRelu) {
                parts.add("LeakyReLU " + ((LeakyRelu) layer).alpha());
            } else if (layer instanceof Add) {
                int from = ((Add) layer).from();
                parts.add(from == Add.NETWORK_INPUT ? "+ input" : "+ output of layer " + from);
            } else if (layer instanceof InputSkip) {
                Conv2d c = ((InputSkip) layer).projection();
                parts.add(String.format(Locale.ROOT, "+ conv 1x1 %d→%d of input", c.inChannels(), c.outChannels()));
            } else if (layer instanceof DepthToSpace) {
                parts.add("DEPTH_TO_SPACE " + ((DepthToSpace) layer).blockSize());
            }
        }
        return String.join(", ", parts);
    }
}
