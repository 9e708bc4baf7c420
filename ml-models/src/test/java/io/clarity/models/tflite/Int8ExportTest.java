package io.clarity.models.tflite;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * The shipped int8 path ({@link ExportModel#int8}) on a real trained net, through real TFLite, against its float
 * twin on photos it was not calibrated on (issue #6: int8 within 0.1 dB of fp32).
 */
public class Int8ExportTest {
    private static final Path FAST_X2 = Paths.get("models", "fast-x2.clw");

    @Test
    public void trainedFastX2Int8StaysCloseToItsFloatTwin() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: calibration needs real photos", data.isPresent());
        assumeTrue("no trained fast-x2 weights", Files.isRegularFile(FAST_X2));
        WeightsFile weights = WeightsFile.read(FAST_X2);
        List<Path> photos = PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos"));
        assumeTrue("too few photos in shared/data/train/photos", photos.size() >= 32);
        List<FloatImage> calibration = ExportModel.inputTiles(photos.subList(0, 24), weights, 1, 2);
        List<FloatImage> test = ExportModel.inputTiles(photos.subList(24, 32), weights, 2, 1);

        double shipped = psnrAgainstFloat(weights.network(), ExportModel.int8("fast-x2", weights, calibration), test);
        Network net = weights.network();
        byte[] minMax = TfliteModelWriter.writeInt8(net, ModelDescription.describe("fast-x2", net, 1),
                Calibration.collect(net, calibration, Calibration.RangeRule.MIN_MAX), TfliteModelWriter.Int8Io.FLOAT,
                true);
        double plain = psnrAgainstFloat(net, minMax, test);
        System.out.printf("fast-x2 int8 vs float on held-out photo tiles: %.2f dB (min/max calibration %.2f dB)%n",
                shipped, plain);
        // Measured with the step-7500 fast-x2: 49.81 dB (min/max: 46.65 dB); Set5 x2 int8 − fp32 was then −0.27 dB
        // (min/max: −0.84 dB). The bounds leave room for a retrained fast-x2.
        assertTrue("int8 vs float " + shipped + " dB", shipped >= 49.0);
        assertTrue("least-squared-error ranges and equalization gain " + (shipped - plain) + " dB over min/max",
                shipped - plain >= 2.0);
    }

    /** PSNR (peak 1) of the int8 model's output against the float network's, both clamped to pixels, all tiles. */
    private static double psnrAgainstFloat(Network net, byte[] int8, List<FloatImage> tiles) {
        double sum = 0;
        long count = 0;
        try (TfliteHostModel model = new TfliteHostModel(int8, 2)) {
            for (FloatImage tile : tiles) {
                float[] expected = net.forward(tile).data();
                float[] actual = model.upscale(tile).data();
                for (int i = 0; i < expected.length; i++) {
                    double d = clamp(expected[i]) - clamp(actual[i]);
                    sum += d * d;
                }
                count += expected.length;
            }
        }
        return 10 * Math.log10(count / sum);
    }

    private static double clamp(float v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
