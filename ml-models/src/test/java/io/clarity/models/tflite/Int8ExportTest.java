package io.clarity.models.tflite;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.ActivationEqualization;
import io.clarity.models.quant.ActivationRanges;
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
        Fixture f = Fixture.load();
        WeightsFile weights = f.weights;
        List<FloatImage> calibration = f.calibration;
        List<FloatImage> test = f.test;

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

    @Test
    public void keepingTheSkipInFloatBringsTheInt8ModelCloserToItsFloatTwin() throws Exception {
        Fixture f = Fixture.load();
        WeightsFile weights = f.weights;
        List<FloatImage> calibration = f.calibration;
        List<FloatImage> test = f.test;
        Network net = ActivationEqualization.apply(weights.network(), calibration);
        assertTrue(TfliteModelWriter.hasInputCopySkip(net));
        ModelDescription metadata = ModelDescription.describe("fast-x2", net, 1);
        ActivationRanges ranges = Calibration.collect(net, calibration);
        double allInt8 = psnrAgainstFloat(net, TfliteModelWriter.writeInt8(net, metadata, ranges,
                TfliteModelWriter.Int8Io.FLOAT, true, false), test);
        double floatSkip = psnrAgainstFloat(net, TfliteModelWriter.writeInt8(net, metadata, ranges,
                TfliteModelWriter.Int8Io.FLOAT, true, true), test);
        System.out.printf("fast-x2 int8 vs float: float skip %.2f dB, all int8 %.2f dB%n", floatSkip, allInt8);
        // measured: about +2.5 dB on held-out tiles (4 crops: 47.7-49.7 dB → 49.6-52.5 dB)
        assertTrue("float skip " + floatSkip + " dB, all int8 " + allInt8 + " dB", floatSkip - allInt8 >= 1.0);
        try {
            TfliteModelWriter.writeInt8(net, metadata, ranges, TfliteModelWriter.Int8Io.INT8, true, true);
            throw new AssertionError("a float skip with int8 I/O was written");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("float I/O"));
        }
    }

    /** The committed fast-x2, tiles of 24 photos to calibrate on and held-out tiles of 8 others. */
    private static final class Fixture {
        final WeightsFile weights;
        final List<FloatImage> calibration;
        final List<FloatImage> test;

        private Fixture(WeightsFile weights, List<FloatImage> calibration, List<FloatImage> test) {
            this.weights = weights;
            this.calibration = calibration;
            this.test = test;
        }

        static Fixture load() throws java.io.IOException {
            Optional<Path> data = SharedData.locate();
            assumeTrue("no shared/data beside the checkout: calibration needs real photos", data.isPresent());
            assumeTrue("no trained fast-x2 weights", Files.isRegularFile(FAST_X2));
            WeightsFile weights = WeightsFile.read(FAST_X2);
            List<Path> photos = PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos"));
            assumeTrue("too few photos in shared/data/train/photos", photos.size() >= 32);
            return new Fixture(weights, ExportModel.inputTiles(photos.subList(0, 24), weights, 1, 2),
                    ExportModel.inputTiles(photos.subList(24, 32), weights, 2, 1));
        }
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
