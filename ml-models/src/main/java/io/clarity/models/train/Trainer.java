package io.clarity.models.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.color.YCbCr;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.eval.Evaluator;
import io.clarity.models.quant.ActivationEqualization;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.ExportModel;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains one of Clarity's networks on CPU PyTorch (DJL): random flipped/rotated patches (Y with the benchmark's
 * bicubic LR for fast/srcnn; RGB through random realistic degradations for realphoto), Adam, L1 or L2,
 * a constant learning rate for the first half and a cosine decay to 5% over the second, checkpoints every
 * few hundred steps to the run folder, and resumes from the last checkpoint when restarted with the same
 * folder. Every checkpoint also exports {@code <id>-x<s>.clw} per scale. Prints a progress line with the
 * loss and, now and then, the Set5 Y PSNR of the float network (the shipped numbers come from the evaluator).
 *
 * <pre>
 * java -cp ... io.clarity.models.train.Trainer --arch fast --scales 2 --steps 100000 --run /work/train-runs/fast-x2
 * </pre>
 */
public final class Trainer {

    /** Command-line options; every one has a default. */
    public static final class Options {
        public String arch = "fast";
        public int[] scales = {2};
        public long steps = 1000;
        public int batch = 16;
        public int patch = 48;
        public float learningRate = 1e-3f;
        public boolean l2;
        public long seed = 1;
        public Path runDir;
        public Path data;
        /** Set5 check interval in steps; 0 turns it off. */
        public int validateEvery = 2000;
        /** At most this many steps in this invocation (0: until {@link #steps}), for runs done in chunks. */
        public long chunk;
        public int checkpointEvery = 500;
        public int logEvery = 100;
        /** Photos are downscaled by this factor first, to wash out their JPEG artefacts and noise. */
        public int photoDownscale = 4;
        /** Training folders under {@code data/train}. */
        public String[] sets = {"T91", "BSD200", "photos"};
        /** At most this many images per training folder (0: all); the smoke test keeps it small. */
        public int imagesPerSet;
        public int fastWidth = 48;
        public int fastShrink = 16;
        public int fastMapping = 4;
        public int realFeatures = 32;
        public int realConvs = 6;
        /** Weight of the adversarial loss beside L1 (realphoto only); 0: plain fidelity training. */
        public float adversarial;
        /** Starting weights for a fresh run (the fidelity weights, for the adversarial fine-tune). */
        public Path init;
        /**
         * Real-photo degradation spread: heavy, light (none to moderate), jpeg (mostly light compression) or
         * compressed (always JPEG).
         */
        public RealisticDegradation.Spread degradation = RealisticDegradation.Spread.HEAVY;
        /** Quantization-aware fine-tuning: the int8 model's activation rounding simulated in training. */
        public boolean int8Aware;
        /** Output pixels left out of the loss at each patch edge (the zero padding's band; 0: none). */
        public int lossBorder;

        private static Options parseArgs(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                String v = args[++i];
                switch (key) {
                    case "--arch": o.arch = v; break;
                    case "--scales": o.scales = parseInts(v); break;
                    case "--steps": o.steps = Long.parseLong(v); break;
                    case "--batch": o.batch = Integer.parseInt(v); break;
                    case "--patch": o.patch = Integer.parseInt(v); break;
                    case "--lr": o.learningRate = Float.parseFloat(v); break;
                    case "--loss": o.l2 = parseLoss(v); break;
                    case "--seed": o.seed = Long.parseLong(v); break;
                    case "--run": o.runDir = Paths.get(v); break;
                    case "--data": o.data = Paths.get(v); break;
                    case "--validate-every": o.validateEvery = Integer.parseInt(v); break;
                    case "--chunk": o.chunk = Long.parseLong(v); break;
                    case "--checkpoint-every": o.checkpointEvery = Integer.parseInt(v); break;
                    case "--log-every": o.logEvery = Integer.parseInt(v); break;
                    case "--photo-downscale": o.photoDownscale = Integer.parseInt(v); break;
                    case "--sets": o.sets = v.split(","); break;
                    case "--images-per-set": o.imagesPerSet = Integer.parseInt(v); break;
                    case "--fast-width": o.fastWidth = Integer.parseInt(v); break;
                    case "--fast-shrink": o.fastShrink = Integer.parseInt(v); break;
                    case "--fast-mapping": o.fastMapping = Integer.parseInt(v); break;
                    case "--real-features": o.realFeatures = Integer.parseInt(v); break;
                    case "--real-convs": o.realConvs = Integer.parseInt(v); break;
                    case "--adversarial": o.adversarial = Float.parseFloat(v); break;
                    case "--init": o.init = Paths.get(v); break;
                    case "--degradation": o.degradation = RealisticDegradation.Spread.named(v); break;
                    case "--int8-aware": o.int8Aware = parseOnOff(key, v); break;
                    case "--loss-border": o.lossBorder = Integer.parseInt(v); break;
                    default: throw new IllegalArgumentException("unknown option " + key);
                }
            }
            if (o.runDir == null) {
                throw new IllegalArgumentException("--run <folder> is required (checkpoints and logs go there)");
            }
            if (!o.arch.equals("fast") && !o.arch.equals("srcnn") && !o.arch.equals("realphoto")) {
                throw new IllegalArgumentException("--arch must be fast, srcnn or realphoto, was " + o.arch);
            }
            if (o.adversarial < 0 || (o.adversarial > 0 && !o.arch.equals("realphoto"))) {
                throw new IllegalArgumentException("--adversarial takes a weight >= 0 and only --arch realphoto");
            }
            if (!o.arch.equals("srcnn") && o.scales.length != 1) {
                throw new IllegalArgumentException("an LR-space net has one scale; --scales was " + o.scales.length);
            }
            if (o.steps < 0 || o.chunk < 0 || o.validateEvery < 0 || o.batch < 1 || o.patch < 4
                    || o.checkpointEvery < 1 || o.logEvery < 1 || o.lossBorder < 0) {
                throw new IllegalArgumentException("steps, chunk, batch, patch and intervals must be positive");
            }
            return o;
        }

        private static boolean parseOnOff(String key, String v) {
            if (v.equals("on") || v.equals("off")) {
                return v.equals("on");
            }
            throw new IllegalArgumentException(key + " must be on or off, was " + v);
        }

        private static boolean parseLoss(String v) {
            if (v.equals("l1")) {
                return false;
            }
            if (v.equals("l2")) {
                return true;
            }
            throw new IllegalArgumentException("--loss must be l1 or l2, was " + v);
        }

        private static int[] parseInts(String v) {
            String[] parts = v.split(",");
            int[] r = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                r[i] = Integer.parseInt(parts[i].trim());
            }
            return r;
        }

        String id() {
            return arch;
        }

        boolean preUpscaled() {
            return arch.equals("srcnn");
        }
    }

    /** What a run ended with. */
    public static final class Result {
        public final long step;
        public final double lastLoss;
        public final Network network;

        Result(long step, double lastLoss, Network network) {
            this.step = step;
            this.lastLoss = lastLoss;
            this.network = network;
        }
    }

    private final Options options;
    private final PrintStream log;
    /** The adversarial fine-tune's critic and its optimizer; null in fidelity training. */
    private PatchDiscriminator critic;
    private AdamOptimizer criticAdam;

    public Trainer(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Trainer(options, System.out).run();
    }

    /** Parses command-line options; anything wrong is an IllegalArgumentException saying what. */
    public static Options parse(String[] args) {
        return Options.parseArgs(args);
    }

    public Result run() throws IOException {
        Path data = options.data != null ? options.data : SharedData.locate()
                .orElseThrow(() -> new IOException("no shared/data folder above " + Paths.get("").toAbsolutePath()));
        long t0 = System.nanoTime();
        List<ArgbImage> images = loadTrainingImages(data.resolve("train"));
        int inputSide = options.preUpscaled() ? options.patch - options.patch % lcm(options.scales) : options.patch;
        boolean rgb = options.arch.equals("realphoto");
        PatchSampler sampler = rgb ? null : new PatchSampler(images, options.scales, options.preUpscaled(), inputSide);
        DegradedPatchSampler degraded = rgb ? new DegradedPatchSampler(images, options.scales[0], inputSide, options.degradation) : null;
        List<ArgbImage> validation = new ArrayList<>();
        Path set5 = data.resolve("bench").resolve("Set5");
        if (Files.isDirectory(set5)) {
            for (Path f : PhotoTiles.imagesIn(set5)) {
                validation.add(Evaluator.readRgb(f));
            }
        }
        log.printf(Locale.ROOT, "data: %d images (%s), loaded in %.1f s%n", images.size(),
                rgb ? "RGB, degraded per patch" : sampler.pairCount() + " image/scale pairs on Y", (System.nanoTime() - t0) / 1e9);

        boolean resume = TrainingCheckpoint.exists(options.runDir);
        Network start = resume ? WeightsFile.read(TrainingCheckpoint.weights(options.runDir)).network()
                : options.init != null ? initialWeights(WeightsFile.read(options.init).network())
                : options.arch.equals("fast")
                ? Architectures.fast(options.scales[0], options.fastWidth, options.fastShrink, options.fastMapping, options.seed)
                : rgb ? Architectures.compactRgb(options.scales[0], options.realFeatures, options.realConvs, options.seed)
                : Architectures.srcnn(options.seed);
        List<FloatImage> calibration = options.int8Aware ? calibrationTiles(data, start) : null;
        if (calibration != null && !resume) {
            // What the int8 writer does first; exact, so the fine-tune starts from the committed function.
            start = ActivationEqualization.apply(start, calibration);
        }

        try (NDManager manager = Engine.getInstance().newBaseManager();
             TrainableNetwork net = new TrainableNetwork(start, manager)) {
            AdamOptimizer adam = new AdamOptimizer(net.parameters());
            long step = resume ? TrainingCheckpoint.restore(options.runDir, adam) : 0;
            critic = options.adversarial > 0 ? new PatchDiscriminator(manager, options.seed) : null;
            criticAdam = critic == null ? null : new AdamOptimizer(critic.parameters());
            if (critic != null && resume) {
                critic.load(options.runDir.resolve("critic.bin"));
                TrainingCheckpoint.restoreOptimizer(options.runDir.resolve("critic.adam"), criticAdam);
            }
            log.printf(Locale.ROOT, "%s %s: %d parameters, %.0f MACs per output pixel, %s at step %d of %d (%s)%n",
                    options.arch, scalesText(), Architectures.parameterCount(start), Architectures.macsPerOutputPixel(start),
                    resume ? "resumed" : "starting", step, options.steps, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            double flopsPerPatch = Architectures.trainingFlopsPerPatch(start, inputSide);
            FakeQuantization int8 = calibration == null ? null : int8Grids(net, calibration);
            double lossSum = 0;
            int lossCount = 0;
            double lastLoss = Double.NaN;
            long windowStart = System.nanoTime();
            long windowSteps = 0;
            long stopAt = options.chunk > 0 ? Math.min(options.steps, step + options.chunk) : options.steps;
            while (step < stopAt) {
                // The patch stream depends only on (seed, step): a resumed run sees what the unbroken one would.
                Random random = new Random(options.seed * 1_000_003L + step);
                PatchSampler.Batch batch = rgb ? degraded.sample(random, options.batch) : sampler.sample(random, options.batch);
                float loss;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray input = manager.create(batch.input, new Shape(batch.size, batch.channels, batch.inputSide, batch.inputSide));
                    NDArray target = manager.create(batch.target, new Shape(batch.size, batch.channels, batch.targetSide, batch.targetSide));
                    NDArray output;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        output = net.forward(input, int8);
                        NDArray diff = interior(output).sub(interior(target));
                        NDArray l = options.l2 ? diff.square().mean() : diff.abs().mean();
                        loss = l.getFloat();
                        if (critic != null) {
                            // generator: fool the critic, stay close in L1
                            l = l.add(PatchDiscriminator.realLoss(critic.forward(output)).mul(options.adversarial));
                        }
                        collector.backward(l);
                    }
                    adam.step(learningRate(step));
                    if (critic != null) {
                        criticAdam.clearGradients();
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray l = PatchDiscriminator.realLoss(critic.forward(target))
                                    .add(PatchDiscriminator.fakeLoss(critic.forward(output.stopGradient())));
                            collector.backward(l);
                        }
                        criticAdam.step(learningRate(step));
                    }
                }
                step++;
                windowSteps++;
                lossSum += loss;
                lossCount++;
                if (step % options.logEvery == 0 || step == options.steps) {
                    lastLoss = lossSum / lossCount;
                    double seconds = (System.nanoTime() - windowStart) / 1e9;
                    double patchesPerSecond = windowSteps * options.batch / seconds;
                    double eta = (options.steps - step) * seconds / windowSteps;
                    log.printf(Locale.ROOT, "step %d/%d  %s %.5f  lr %.2e  %.0f patches/s  %.2f GFLOP/s  eta %s%n", step,
                            options.steps, options.l2 ? "l2" : "l1", lastLoss, learningRate(step), patchesPerSecond,
                            patchesPerSecond * flopsPerPatch / 1e9, duration(eta));
                    lossSum = 0;
                    lossCount = 0;
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                }
                if (step % options.checkpointEvery == 0 || step == stopAt) {
                    save(net, step, adam);
                }
                if (!validation.isEmpty() && options.validateEvery > 0
                        && (step % options.validateEvery == 0 || step == options.steps)) {
                    log.printf(Locale.ROOT, "step %d  Set5 Y-PSNR (float, trainer's check) %s%n", step, validate(net, validation, null));
                    if (int8 != null) {
                        int8 = int8Grids(net, calibration);
                        log.printf(Locale.ROOT, "step %d  Set5 Y-PSNR (int8 simulated) %s%n", step, validate(net, validation, int8));
                    }
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                }
            }
            if (!TrainingCheckpoint.exists(options.runDir)) {
                save(net, step, adam);
            }
            return new Result(step, lastLoss, net.toNetwork());
        }
    }

    /**
     * The --init network, in the current layout (an older input-copy net is folded, exactly); a Fast or real-photo
     * net trained at another scale keeps its body and gets a fresh head, and a Fast or real-photo net narrower than
     * --fast-width/--fast-shrink/--fast-mapping or --real-features/--real-convs is widened to them, computing what
     * it did.
     */
    private Network initialWeights(Network init) {
        Network net = FoldInputCopies.inCurrentLayout(init);
        if ((options.arch.equals("fast") || options.arch.equals("realphoto")) && net.scale() != options.scales[0]) {
            net = Architectures.atScale(net, options.scales[0], options.seed);
        }
        if (options.arch.equals("fast")) {
            net = Architectures.fastWidened(net, options.fastWidth, options.fastShrink, options.fastMapping, options.seed);
        } else if (options.arch.equals("realphoto")) {
            net = Architectures.compactRgbWidened(net, options.realFeatures, options.realConvs, options.seed);
        }
        return net;
    }

    private void save(TrainableNetwork net, long step, AdamOptimizer adam) throws IOException {
        Network network = net.toNetwork();
        TrainingCheckpoint.save(options.runDir, new WeightsFile(network, 1), step, adam);
        if (critic != null) {
            critic.save(options.runDir.resolve("critic.bin"));
            TrainingCheckpoint.saveOptimizer(options.runDir.resolve("critic.adam"), step, criticAdam);
        }
        for (int s : options.scales) {
            WeightsFile export = new WeightsFile(network, options.preUpscaled() ? s : 1);
            TrainingCheckpoint.writeAtomically(options.runDir.resolve(options.id() + "-x" + s + ".clw"), export.toBytes());
        }
    }

    /** Constant for the first half, then cosine down to 5% of the base rate at the last step. */
    float learningRate(long step) {
        double half = options.steps / 2.0;
        if (step < half) {
            return options.learningRate;
        }
        double t = Math.min(1.0, (step - half) / Math.max(1.0, options.steps - half));
        double floor = 0.05;
        return (float) (options.learningRate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t))));
    }

    /** Set5 with the benchmark's bicubic LR; an RGB net is scored on the Y of its output. */
    private String validate(TrainableNetwork net, List<ArgbImage> images, FakeQuantization int8) {
        StringBuilder text = new StringBuilder();
        boolean rgb = options.arch.equals("realphoto");
        for (int s : options.scales) {
            double sum = 0;
            for (ArgbImage hr : images) {
                ArgbImage gt = Evaluator.cropToMultiple(hr, s);
                ArgbImage lrImage = Evaluator.lowResolution(gt, s);
                FloatImage lr = rgb ? LumaPlanes.rgb(lrImage) : LumaPlanes.of(lrImage);
                FloatImage in = options.preUpscaled() ? BicubicResampler.upscale(lr, s) : lr;
                float[] out;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = net.manager().create(planar(in), new Shape(1, in.channels(), in.height(), in.width()));
                    out = net.forward(x, int8).toFloatArray();
                }
                sum += lumaPsnr(rgb ? lumaOfPlanes(out, gt.width() * gt.height()) : out, LumaPlanes.of(gt).data(),
                        gt.width(), gt.height(), s);
            }
            text.append(String.format(Locale.ROOT, " x%d %.2f dB", s, sum / images.size()));
        }
        return text.toString().trim();
    }

    /**
     * The int8 writer's calibration inputs ({@link ExportModel#inputTiles}: seeded crops of the real photos) for
     * this network, pre-upscaled at the first scale for SRCNN-style nets.
     */
    private List<FloatImage> calibrationTiles(Path data, Network network) throws IOException {
        List<Path> photos = PhotoTiles.imagesIn(data.resolve("train").resolve("photos"));
        return ExportModel.inputTiles(photos, new WeightsFile(network, options.preUpscaled() ? options.scales[0] : 1), 1, 4);
    }

    /** The activation grids the int8 writer would choose for the current weights (renewed at each Set5 check). */
    private FakeQuantization int8Grids(TrainableNetwork net, List<FloatImage> calibration) {
        Network current = net.toNetwork();
        return new FakeQuantization(current, Calibration.collect(current, calibration, Calibration.RangeRule.MIN_SQUARED_ERROR));
    }

    /** An N×C×H×W batch without its {@code --loss-border} band. */
    private NDArray interior(NDArray x) {
        int b = options.lossBorder;
        if (b == 0) {
            return x;
        }
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.get(new NDIndex(":, :, {}:{}, {}:{}", b, h - b, b, w - b));
    }

    /** Interleaved H×W×C to planar C×H×W. */
    static float[] planar(FloatImage image) {
        int c = image.channels();
        int n = image.width() * image.height();
        float[] src = image.data();
        float[] r = new float[src.length];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < c; k++) {
                r[k * n + p] = src[p * c + k];
            }
        }
        return r;
    }

    private static float[] lumaOfPlanes(float[] rgb, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float r = Math.min(1f, Math.max(0f, rgb[i])) * 255f;
            float g = Math.min(1f, Math.max(0f, rgb[n + i])) * 255f;
            float b = Math.min(1f, Math.max(0f, rgb[2 * n + i])) * 255f;
            y[i] = YCbCr.luma(r, g, b) / 255f;
        }
        return y;
    }

    /** PSNR on the 0..255 scale with {@code shave} border pixels ignored; the output is clipped to 0..1. */
    static double lumaPsnr(float[] output, float[] target, int width, int height, int shave) {
        double se = 0;
        long n = 0;
        for (int y = shave; y < height - shave; y++) {
            for (int x = shave; x < width - shave; x++) {
                int i = y * width + x;
                double d = 255.0 * (Math.min(1f, Math.max(0f, output[i])) - target[i]);
                se += d * d;
                n++;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / n));
    }

    private List<ArgbImage> loadTrainingImages(Path train) throws IOException {
        List<ArgbImage> images = new ArrayList<>();
        for (String set : options.sets) {
            Path folder = train.resolve(set);
            if (!Files.isDirectory(folder)) {
                throw new IOException("training folder " + folder + " does not exist");
            }
            List<Path> files = PhotoTiles.imagesIn(folder);
            int limit = options.imagesPerSet > 0 ? Math.min(options.imagesPerSet, files.size()) : files.size();
            for (Path f : files.subList(0, limit)) {
                ArgbImage image = Evaluator.readRgb(f);
                if (set.equals("photos") && options.photoDownscale > 1) {
                    image = BicubicResampler.resize(image, 1.0 / options.photoDownscale);
                }
                images.add(image);
            }
        }
        return images;
    }

    private String scalesText() {
        StringBuilder b = new StringBuilder();
        for (int s : options.scales) {
            b.append(b.length() == 0 ? "x" : ",x").append(s);
        }
        return b.toString();
    }

    private static int lcm(int[] values) {
        int r = 1;
        for (int v : values) {
            r = r / gcd(r, v) * v;
        }
        return r;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
}
