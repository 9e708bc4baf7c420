package io.clarity.models.eval;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.color.YCbCr;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.InMemoryImageSource;
import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.engine.pipeline.ProgressListener;
import io.clarity.models.quant.PhotoTiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scores a model the way the super-resolution tables do: HR cropped to a multiple of the scale, LR by
 * MATLAB-style antialiased bicubic downscaling of the 8-bit RGB image, the LR upscaled by the real engine
 * (tiled, exactly as the app runs it), both converted to Y (BT.601, 16..235), {@code scale} pixels shaved off
 * every border, then PSNR and SSIM on Y.
 */
public final class Evaluator {

    /** One image's score. */
    public static final class ImageScore {
        public final String image;
        public final double psnr;
        public final double ssim;

        ImageScore(String image, double psnr, double ssim) {
            this.image = image;
            this.psnr = psnr;
            this.ssim = ssim;
        }
    }

    /** A folder's mean scores (the tables average PSNR per image, not MSE over the set). */
    public static final class SetScore {
        public final String set;
        public final int scale;
        public final List<ImageScore> images;
        public final double psnr;
        public final double ssim;

        SetScore(String set, int scale, List<ImageScore> images) {
            this.set = set;
            this.scale = scale;
            this.images = Collections.unmodifiableList(images);
            double p = 0;
            double s = 0;
            for (ImageScore i : images) {
                p += i.psnr;
                s += i.ssim;
            }
            this.psnr = p / images.size();
            this.ssim = s / images.size();
        }
    }

    private final EnhanceOptions options;

    public Evaluator(EnhanceOptions options) {
        this.options = options;
    }

    /** Bicubic upscaling through the same engine: an empty RGB network behind the bicubic pre-upscale. */
    public static ModelFactory bicubic(int scale) {
        Network identity = new Network(3, Collections.emptyList());
        return () -> new BicubicPreUpscaledModel(ReferenceModel.freeShape("bicubic", identity), scale);
    }

    /** Makes the low-resolution input of one benchmark image (already cropped to a multiple of the scale). */
    public interface LowResolutionMaker {
        ArgbImage make(String imageName, ArgbImage groundTruth, int scale);
    }

    /** The published protocol's input: the benchmark's bicubic LR. */
    public static final LowResolutionMaker BENCHMARK_INPUT = (name, gt, scale) -> lowResolution(gt, scale);

    /** Scores the model on every image of a folder against the benchmark's bicubic LR (the published protocol). */
    public SetScore evaluate(Path folder, int scale, ModelFactory model) throws IOException, InterruptedException {
        return evaluate(folder, scale, model, BENCHMARK_INPUT);
    }

    /** Scores the model with inputs made by {@code inputs}: e.g. realistically degraded instead of clean. */
    public SetScore evaluate(Path folder, int scale, ModelFactory model, LowResolutionMaker inputs)
            throws IOException, InterruptedException {
        return evaluate(folder, scale, model, inputs, false);
    }

    /**
     * Scores the model on one of issue #14's protocols. Its scorer treats only single-channel files as their own Y
     * (Set14's bridge, not man, whose PNG is RGB): with that rule realphoto-x2 reads 29.06 / 30.10 dB on Set14 as
     * the issue states, with the R = G = B rule 28.96 / 30.00, with BT.601 everywhere 29.16 / 30.20.
     */
    public SetScore evaluate(Path folder, int scale, ModelFactory model, DegradationProtocol protocol)
            throws IOException, InterruptedException {
        return evaluate(folder, scale, (input, file) -> model, protocol);
    }

    /** A model picked per input, from its pixels and its file's bytes (empty when the input is no file). */
    public interface InputAwareModel {
        ModelFactory forInput(ArgbImage input, byte[] file) throws IOException;
    }

    /**
     * Scores a model chosen per input image (the real-photo model at the strength its blind estimate picks) on a
     * protocol, or on the clean benchmark LR when {@code protocol} is null.
     */
    public SetScore evaluate(Path folder, int scale, InputAwareModel model, DegradationProtocol protocol)
            throws IOException, InterruptedException {
        if (protocol == null) {
            return evaluate(folder, scale, model, (name, gt, s) -> lowResolution(gt, s), null, false);
        }
        LowResolutionMaker none = (name, gt, s) -> null;
        return evaluate(folder, scale, model, none, (name, gt, s) -> protocol.file(gt, s,
                DegradationProtocol.indexIn(folder, name)), true);
    }

    /** The protocol's input as a file. */
    private interface FileMaker {
        byte[] make(String imageName, ArgbImage groundTruth, int scale) throws IOException;
    }

    private SetScore evaluate(Path folder, int scale, ModelFactory model, LowResolutionMaker inputs,
                              boolean grayFilesOnly) throws IOException, InterruptedException {
        return evaluate(folder, scale, (input, file) -> model, inputs, null, grayFilesOnly);
    }

    private SetScore evaluate(Path folder, int scale, InputAwareModel model, LowResolutionMaker inputs,
                              FileMaker files, boolean grayFilesOnly) throws IOException, InterruptedException {
        List<ImageScore> scores = new ArrayList<>();
        for (Path file : PhotoTiles.imagesIn(folder)) {
            ArgbImage hr = readRgb(file);
            ArgbImage gt = cropToMultiple(hr, scale);
            String name = file.getFileName().toString();
            byte[] bytes = files == null ? new byte[0] : files.make(name, gt, scale);
            ArgbImage input = files == null ? inputs.make(name, gt, scale)
                    : io.clarity.models.train.RealisticDegradation.decodeJpeg(bytes, gt.width() / scale, gt.height() / scale);
            ArgbImage sr = upscale(input, model.forInput(input, bytes));
            boolean gray = grayFilesOnly ? isGrayFile(file) : isGrayscale(gt);
            LumaPlane a = luma(sr, gray).shave(scale);
            LumaPlane b = luma(gt, gray).shave(scale);
            scores.add(new ImageScore(file.getFileName().toString(), QualityMetrics.psnr(a, b),
                    QualityMetrics.ssim(a, b)));
        }
        if (scores.isEmpty()) {
            throw new IOException("no PNG or JPEG images in " + folder);
        }
        return new SetScore(folder.getFileName().toString(), scale, scores);
    }

    /**
     * Scores a model on Set5 and Set14 from the command line: {@code Evaluator [--degraded|--clean-jpeg] SCALE
     * MODEL.tflite|bicubic}; without a protocol flag, the clean benchmark LR. Prints Y-PSNR / SSIM per set.
     */
    public static void main(String[] args) throws Exception {
        int a = 0;
        DegradationProtocol protocol = null;
        if (args.length > 0 && args[0].startsWith("--")) {
            protocol = DegradationProtocol.parse(args[0].substring(2));
            a = 1;
        }
        if (args.length != a + 2) {
            System.err.println("usage: Evaluator [--degraded|--clean-jpeg] SCALE MODEL.tflite|bicubic");
            System.exit(2);
        }
        int scale = Integer.parseInt(args[a]);
        Path model = Path.of(args[a + 1]);
        ModelFactory factory = args[a + 1].equals("bicubic") ? bicubic(scale)
                : () -> io.clarity.models.tflite.TfliteHostModel.open(model, 2);
        Path bench = io.clarity.models.data.SharedData.locate()
                .orElseThrow(() -> new IOException("no shared/data found")).resolve("bench");
        Evaluator evaluator = new Evaluator(new EnhanceOptions(1, 128));
        for (String set : new String[] {"Set5", "Set14"}) {
            Path folder = bench.resolve(set);
            SetScore score = protocol == null ? evaluator.evaluate(folder, scale, factory)
                    : evaluator.evaluate(folder, scale, factory, protocol);
            System.out.printf(java.util.Locale.ROOT, "%s x%d %s: %.2f dB / %.4f%n", set, scale,
                    protocol == null ? "clean" : protocol.label(), score.psnr, score.ssim);
        }
    }

    /** Runs the engine over a whole in-memory image. */
    public ArgbImage upscale(ArgbImage lr, ModelFactory model) throws IOException, InterruptedException {
        InMemoryImageSink sink = new InMemoryImageSink();
        new Enhancer(model, options).run(new InMemoryImageSource(lr, false), sink, ProgressListener.NONE,
                new CancellationToken());
        return sink.image();
    }

    /** The benchmark's LR image: MATLAB {@code imresize(hr, 1/scale, 'bicubic')} on 8-bit RGB. */
    public static ArgbImage lowResolution(ArgbImage hr, int scale) {
        return BicubicResampler.resize(hr, 1.0 / scale);
    }

    public static ArgbImage cropToMultiple(ArgbImage image, int scale) {
        return crop(image, 0, 0, image.width() - image.width() % scale, image.height() - image.height() % scale);
    }

    /** The w×h rectangle at (x0, y0), copied. */
    public static ArgbImage crop(ArgbImage image, int x0, int y0, int w, int h) {
        ArgbImage out = new ArgbImage(w, h);
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), (y0 + y) * image.width() + x0, out.pixels(), y * w, w);
        }
        return out;
    }

    /**
     * Y on the 0..255 scale (16..235), unrounded. A grayscale image (R = G = B everywhere; Set14's bridge and
     * man) is its own Y, unmapped, because the MATLAB code behind the tables converts only 3-channel images.
     */
    public static LumaPlane luma(ArgbImage image, boolean grayscale) {
        int[] px = image.pixels();
        double[] y = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            y[i] = grayscale ? (p & 0xff) : YCbCr.luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        return new LumaPlane(image.width(), image.height(), y);
    }

    public static boolean isGrayscale(ArgbImage image) {
        for (int p : image.pixels()) {
            int r = (p >> 16) & 0xff;
            if (r != ((p >> 8) & 0xff) || r != (p & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file itself has one channel (a grey PNG or JPEG), whatever its pixels. */
    static boolean isGrayFile(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        return image != null && image.getRaster().getNumBands() == 1;
    }

    /** Decodes a PNG or JPEG as opaque 8-bit RGB (gray images become R = G = B). */
    public static ArgbImage readRgb(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image ImageIO can read");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xff000000;
        }
        return new ArgbImage(w, h, px);
    }
}
