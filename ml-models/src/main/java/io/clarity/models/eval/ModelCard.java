package io.clarity.models.eval;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.models.data.SharedData;
import io.clarity.engine.model.ModelDescription;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.weights.WeightsFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code <id>.md} beside a shipped model: architecture, parameters, MACs per output pixel, Set5/Set14
 * PSNR/SSIM of the fp32 and int8 .tflite (run by TFLite through the tiled engine) beside bicubic and the
 * published rows, and side-by-side crops (bicubic | model | ground truth). The crops contain benchmark
 * pixels, so they go to {@code cards/}, which is not committed. Usage: {@code ModelCard MODELS_DIR ID...}.
 */
public final class ModelCard {
    private static final int CROP = 120;
    /** Published Set5 PSNR rows (dB) from shared/data/README.md, by scale; NaN where the source gives none. */
    private static final Map<String, double[]> PUBLISHED_SET5 = new LinkedHashMap<>();

    static {
        PUBLISHED_SET5.put("Bicubic", new double[] {33.66, 30.39, 28.42});
        PUBLISHED_SET5.put("SRCNN", new double[] {36.66, 32.75, 30.48});
        PUBLISHED_SET5.put("FSRCNN", new double[] {37.00, Double.NaN, 30.72});
    }

    private static final double[] PUBLISHED_SET14_BICUBIC = {30.24, 27.55, 26.00};

    private ModelCard() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ModelCard MODELS_DIR ID...");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        Path bench = SharedData.locate().orElseThrow(() -> new IllegalStateException("no shared/data found"))
                .resolve("bench");
        for (int i = 1; i < args.length; i++) {
            long start = System.nanoTime();
            Path card = write(dir, args[i], bench);
            System.out.printf("%s written in %.1f s%n", card, (System.nanoTime() - start) / 1e9);
        }
    }

    public static Path write(Path dir, String id, Path bench) throws IOException, InterruptedException {
        WeightsFile weights = WeightsFile.read(dir.resolve(id + ".clw"));
        Network net = weights.network();
        byte[] fp32 = Files.readAllBytes(dir.resolve(id + ".tflite"));
        Path int8File = dir.resolve(id + "-int8.tflite");
        byte[] int8 = Files.isRegularFile(int8File) ? Files.readAllBytes(int8File) : null;
        ModelDescription metadata = TfliteHostModel.readMetadata(fp32);
        int scale = metadata.totalScale();
        Evaluator evaluator = new Evaluator(new EnhanceOptions(2, EnhanceOptions.DEFAULT_TILE_SIZE));

        StringBuilder md = new StringBuilder();
        md.append("# ").append(id).append("\n\n");
        md.append(String.format(Locale.ROOT, "x%d super-resolution on %s. Written by `ModelCard` from `%s.clw` and "
                        + "the .tflite files beside it; every number below was measured by it.%n%n",
                scale, metadata.channels() == io.clarity.engine.model.ModelSpec.Channels.Y
                        ? "luma (Y, BT.601); chroma is upscaled bicubically beside it" : "RGB", id));
        md.append("## Architecture\n\n");
        if (weights.bicubicPreUpscale() > 1) {
            md.append("- bicubic pre-upscale x").append(weights.bicubicPreUpscale()).append('\n');
        }
        for (Layer layer : net.layers()) {
            md.append("- ").append(describe(layer)).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nParameters: %d. MACs per output pixel: %.1f. Receptive-field halo: "
                + "%d input pixels.%n%n", parameters(net), macsPerOutputPixel(net), net.halo()));

        md.append("## Quality (Y PSNR dB / SSIM, `scale` px shaved, MATLAB-style bicubic LR, tiled engine)\n\n");
        md.append("| | Set5 | Set14 |\n|---|---|---|\n");
        Map<String, Evaluator.SetScore[]> rows = new LinkedHashMap<>();
        rows.put("Bicubic (this evaluator)", evaluate(evaluator, bench, scale, Evaluator.bicubic(scale)));
        rows.put(id + " fp32 (TFLite)", evaluate(evaluator, bench, scale,
                () -> metadata.wrap(new TfliteHostModel(fp32, 1))));
        if (int8 != null) {
            rows.put(id + " int8 (TFLite)", evaluate(evaluator, bench, scale,
                    () -> metadata.wrap(new TfliteHostModel(int8, 1))));
        }
        for (Map.Entry<String, Evaluator.SetScore[]> row : rows.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f / %.4f | %.2f / %.4f |%n", row.getKey(),
                    row.getValue()[0].psnr, row.getValue()[0].ssim, row.getValue()[1].psnr, row.getValue()[1].ssim));
        }
        if (scale >= 2 && scale <= 4) {
            for (Map.Entry<String, double[]> p : PUBLISHED_SET5.entrySet()) {
                double v = p.getValue()[scale - 2];
                if (!Double.isNaN(v)) {
                    md.append(String.format(Locale.ROOT, "| %s (published) | %.2f | %s |%n", p.getKey(), v,
                            p.getKey().equals("Bicubic")
                                    ? String.format(Locale.ROOT, "%.2f", PUBLISHED_SET14_BICUBIC[scale - 2]) : "–"));
                }
            }
        }
        if (int8 != null) {
            Evaluator.SetScore[] f = rows.get(id + " fp32 (TFLite)");
            Evaluator.SetScore[] q = rows.get(id + " int8 (TFLite)");
            md.append(String.format(Locale.ROOT, "%nint8 − fp32: Set5 %+.3f dB, Set14 %+.3f dB.%n",
                    q[0].psnr - f[0].psnr, q[1].psnr - f[1].psnr));
        }

        md.append("\n## Crops (bicubic | model | ground truth)\n\n");
        md.append("Generated into `cards/` by the same run (not committed: they contain benchmark pixels).\n\n");
        Path cards = dir.resolve("cards");
        Files.createDirectories(cards);
        for (String image : new String[] {"Set5/butterfly.png", "Set14/comic.png"}) {
            Path file = bench.resolve(image);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String name = id + "-" + file.getFileName().toString();
            writeCrop(evaluator, file, scale, () -> metadata.wrap(new TfliteHostModel(fp32, 1)), cards.resolve(name));
            md.append("![").append(image).append("](cards/").append(name).append(")\n\n");
        }
        md.append("Trained on: T91 and BSD200 (shared/data/train); int8 calibrated on crops of shared/data/train/photos.\n");
        Path card = dir.resolve(id + ".md");
        Files.write(card, md.toString().getBytes(StandardCharsets.UTF_8));
        return card;
    }

    private static Evaluator.SetScore[] evaluate(Evaluator e, Path bench, int scale, ModelFactory model)
            throws IOException, InterruptedException {
        return new Evaluator.SetScore[] {e.evaluate(bench.resolve("Set5"), scale, model),
                e.evaluate(bench.resolve("Set14"), scale, model)};
    }

    private static void writeCrop(Evaluator e, Path file, int scale, ModelFactory model, Path out)
            throws IOException, InterruptedException {
        ArgbImage gt = Evaluator.cropToMultiple(Evaluator.readRgb(file), scale);
        ArgbImage lr = Evaluator.lowResolution(gt, scale);
        ArgbImage[] panels = {e.upscale(lr, Evaluator.bicubic(scale)), e.upscale(lr, model), gt};
        int side = Math.min(CROP, Math.min(gt.width(), gt.height()));
        int x0 = (gt.width() - side) / 2;
        int y0 = (gt.height() - side) / 2;
        int gap = 4;
        BufferedImage sheet = new BufferedImage(3 * side + 2 * gap, side, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < 3; p++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    sheet.setRGB(p * (side + gap) + x, y, panels[p].get(x0 + x, y0 + y));
                }
            }
        }
        ImageIO.write(sheet, "png", out.toFile());
    }

    static String describe(Layer layer) {
        if (layer instanceof Conv2d) {
            Conv2d c = (Conv2d) layer;
            return String.format(Locale.ROOT, "Conv2d %dx%d, %d → %d channels%s", c.kernelSize(), c.kernelSize(),
                    c.inChannels(), c.outChannels(), c.fusedRelu() ? ", ReLU" : "");
        }
        if (layer instanceof PRelu) {
            return "PReLU (" + ((PRelu) layer).channels() + " slopes)";
        }
        if (layer instanceof LeakyRelu) {
            return "LeakyReLU (α = " + ((LeakyRelu) layer).alpha() + ")";
        }
        if (layer instanceof Add) {
            int from = ((Add) layer).from();
            return "Add " + (from == Add.NETWORK_INPUT ? "network input" : "output of layer " + from);
        }
        if (layer instanceof DepthToSpace) {
            return "DepthToSpace (block " + ((DepthToSpace) layer).blockSize() + ")";
        }
        return layer.getClass().getSimpleName();
    }

    public static long parameters(Network net) {
        long n = 0;
        for (Layer layer : net.layers()) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                n += (long) c.outChannels() * c.kernelSize() * c.kernelSize() * c.inChannels() + c.outChannels();
            } else if (layer instanceof PRelu) {
                n += ((PRelu) layer).channels();
            }
        }
        return n;
    }

    /** Convolution multiply-accumulates per output pixel of the network (a bicubic pre-upscale not counted). */
    public static double macsPerOutputPixel(Network net) {
        double perInputPixel = 0;
        int resolution = 1;
        for (Layer layer : net.layers()) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                perInputPixel += (double) c.kernelSize() * c.kernelSize() * c.inChannels() * c.outChannels()
                        * resolution * resolution;
            } else if (layer instanceof DepthToSpace) {
                resolution *= ((DepthToSpace) layer).blockSize();
            }
        }
        return perInputPixel / ((double) net.scale() * net.scale());
    }
}
