package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.ActivationEqualization;
import io.clarity.models.quant.ActivationRanges;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.quant.RangeNarrowing;
import io.clarity.models.train.LumaPlanes;
import io.clarity.models.weights.WeightsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a weights file {@code <id>.clw} into the shipped .tflite variants beside it: {@code <id>.tflite} (fp32),
 * {@code <id>-fp16.tflite} (float16 weights, for the GPU delegate) and {@code <id>-int8.tflite} (int8,
 * float I/O, calibrated on crops of the real photos in shared/data/train/photos, output range [0, 1]).
 * Usage: {@code ExportModel WEIGHTS.clw OUT_DIR}.
 */
public final class ExportModel {
    private static final int CALIBRATION_TILE = 64;

    private ExportModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ExportModel WEIGHTS.clw OUT_DIR");
            System.exit(2);
        }
        Path weights = Paths.get(args[0]);
        Path outDir = Paths.get(args[1]);
        if (!Files.isRegularFile(weights)) {
            System.err.println("ExportModel: no weights file " + weights);
            System.exit(2);
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            System.err.println("ExportModel: " + outDir + " is a file, not a folder to write the models into");
            System.exit(2);
        }
        // Checked before the minutes of calibration, so a typo does not cost them.
        Files.createDirectories(outDir);
        String file = weights.getFileName().toString();
        String id = file.endsWith(".clw") ? file.substring(0, file.length() - 4) : file;
        WeightsFile w = WeightsFile.read(weights);
        Path data = SharedData.locate().orElseThrow(() -> new IllegalStateException("no shared/data found"));
        List<Path> photos = PhotoTiles.imagesIn(data.resolve("train").resolve("photos"));
        List<FloatImage> tiles = inputTiles(photos, w, 1, 4);
        for (Path written : export(id, w, tiles, outDir)) {
            System.out.println(written + " (" + Files.size(written) + " bytes)");
        }
    }

    public static List<Path> export(String id, WeightsFile weights, List<FloatImage> calibration, Path dir)
            throws IOException {
        Network net = weights.network();
        ModelDescription metadata = ModelDescription.describe(id, net, weights.bicubicPreUpscale());
        List<Path> out = new ArrayList<>();
        out.add(write(dir.resolve(id + ".tflite"), TfliteModelWriter.writeFloat32(net, metadata)));
        out.add(write(dir.resolve(id + "-fp16.tflite"), TfliteModelWriter.writeFloat16Weights(net, metadata)));
        out.add(write(dir.resolve(id + "-int8.tflite"), int8(id, weights, calibration)));
        return out;
    }

    /**
     * The shipped int8 model (float I/O, output over [0, 1]): activation ranges equalized across channels,
     * then calibrated with least-squared-error clipping on {@code calibration} and narrowed by the factor whose
     * simulated int8 output is closest to float on every fourth calibration tile ({@link RangeNarrowing}); a net
     * with the Fast family's input-copy skip keeps that skip in float ({@link TfliteModelWriter#hasInputCopySkip}),
     * and with it its first convolution ({@link TfliteModelWriter#floatHeadEnd}) and its last two convolutions and
     * the activations they read ({@link TfliteModelWriter#floatTailStart}): {@link TfliteModelWriter#int8Layout}.
     */
    public static byte[] int8(String id, WeightsFile weights, List<FloatImage> calibration) {
        Network net = ActivationEqualization.apply(weights.network(), calibration);
        ModelDescription metadata = ModelDescription.describe(id, net, weights.bicubicPreUpscale());
        ActivationRanges ranges = Calibration.collect(net, calibration, Calibration.RangeRule.MIN_SQUARED_ERROR);
        TfliteModelWriter.Int8Layout layout = TfliteModelWriter.int8Layout(net);
        RangeNarrowing.Choice choice = RangeNarrowing.choose(net, ranges, everyFourth(calibration), layout);
        System.err.printf(Locale.ROOT, "%s int8: ranges narrowed to %.2f of least squared error (simulated MSE %s)%n",
                id, choice.factor, Arrays.toString(choice.errors));
        return TfliteModelWriter.writeInt8(net, metadata, choice.ranges, TfliteModelWriter.Int8Io.FLOAT, true, layout);
    }

    /** A quarter of the tiles (each photo's crops are consecutive, so every photo still counts). */
    private static List<FloatImage> everyFourth(List<FloatImage> tiles) {
        List<FloatImage> some = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i += 4) {
            some.add(tiles.get(i));
        }
        return some;
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /**
     * Network inputs as the engine would feed them: {@code perImage} seeded photo crops per file, in the
     * model's planes, pre-upscaled if the model needs it.
     */
    public static List<FloatImage> inputTiles(List<Path> photos, WeightsFile weights, long seed, int perImage)
            throws IOException {
        int s = weights.bicubicPreUpscale();
        List<FloatImage> tiles = new ArrayList<>();
        for (ArgbImage crop : PhotoTiles.crops(photos, CALIBRATION_TILE / s, perImage, 1024, seed)) {
            FloatImage planes = weights.network().inputChannels() == ModelSpec.Channels.Y.count()
                    ? LumaPlanes.of(crop) : LumaPlanes.rgb(crop);
            tiles.add(s == 1 ? planes : BicubicResampler.upscale(planes, s));
        }
        return tiles;
    }
}
