package io.clarity.models.tflite;

import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.TestNetworks;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.ActivationRanges;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.train.LumaPlanes;
import org.junit.BeforeClass;
import org.junit.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** Int8 models calibrated on real photo tiles, run through TFLite, against their float twins. */
public class TfliteInt8Test {
    private static List<FloatImage> calibrationTiles;
    private static List<FloatImage> testTiles;
    private static List<FloatImage> lumaCalibrationTiles;
    private static List<FloatImage> lumaTestTiles;

    @BeforeClass
    public static void loadPhotoTiles() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: int8 calibration needs real photos", data.isPresent());
        List<Path> photos = PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos"));
        assumeTrue("no photos in shared/data/train/photos", photos.size() >= 8);
        // Calibrate and test on different photos: the test must not see its own calibration data.
        List<ArgbImage> calibration = PhotoTiles.crops(photos.subList(0, 6), 48, 4, 640, 11);
        List<ArgbImage> test = PhotoTiles.crops(photos.subList(6, 8), 64, 2, 640, 12);
        calibrationTiles = rgb(calibration);
        testTiles = rgb(test);
        lumaCalibrationTiles = new ArrayList<>();
        for (ArgbImage t : calibration) {
            lumaCalibrationTiles.add(LumaPlanes.of(t));
        }
        lumaTestTiles = new ArrayList<>();
        for (ArgbImage t : test) {
            lumaTestTiles.add(LumaPlanes.of(t));
        }
    }

    private static List<FloatImage> rgb(List<ArgbImage> tiles) {
        List<FloatImage> out = new ArrayList<>();
        for (ArgbImage t : tiles) {
            out.add(LumaPlanes.rgb(t));
        }
        return out;
    }

    private static double worstPsnr(Network net, byte[] int8Model) {
        return worstPsnr(net, int8Model, testTiles);
    }

    private static double worstPsnr(Network net, byte[] int8Model, List<FloatImage> tiles) {
        double worst = Double.POSITIVE_INFINITY;
        try (TfliteHostModel int8 = new TfliteHostModel(int8Model, 2)) {
            for (FloatImage tile : tiles) {
                worst = Math.min(worst, TestNetworks.psnr(net.forward(tile), int8.upscale(tile)));
            }
        }
        return worst;
    }

    @Test
    public void int8PixelShuffleWithFloatIoIsWithin40DbOfFloatTwin() {
        Network net = TestNetworks.pixelShuffle(new Random(21), 3, 4, 16);
        ActivationRanges ranges = Calibration.collect(net, calibrationTiles);
        byte[] model = TfliteModelWriter.writeInt8(net, ModelDescription.describe("int8-test", net, 1), ranges,
                TfliteModelWriter.Int8Io.FLOAT);
        double psnr = worstPsnr(net, model);
        System.out.println("int8 pixel-shuffle x4 (float I/O): worst tile PSNR vs float twin " + psnr + " dB");
        assertTrue("PSNR " + psnr, psnr >= 40);
    }

    @Test
    public void int8SrcnnOnLumaIsWithin40DbOfFloatTwin() {
        Network net = RandomNetworks.srcnn(new Random(23), 32, 16);
        ActivationRanges ranges = Calibration.collect(net, lumaCalibrationTiles);
        byte[] model = TfliteModelWriter.writeInt8(net, ModelDescription.describe("srcnn-int8-test", net, 2), ranges,
                TfliteModelWriter.Int8Io.FLOAT);
        double psnr = worstPsnr(net, model, lumaTestTiles);
        System.out.println("int8 SRCNN-shaped 9-5-5 (32-16) on Y: worst tile PSNR vs float twin " + psnr + " dB");
        assertTrue("PSNR " + psnr, psnr >= 40);
    }

    @Test
    public void int8ModelWithInt8IoTakesQuantizedPixels() {
        Network net = TestNetworks.pixelShuffle(new Random(22), 3, 2, 16);
        ActivationRanges ranges = Calibration.collect(net, calibrationTiles);
        byte[] model = TfliteModelWriter.writeInt8(net, ModelDescription.describe("int8-io-test", net, 1), ranges,
                TfliteModelWriter.Int8Io.INT8);
        try (TfliteHostModel int8 = new TfliteHostModel(model, 1)) {
            assertTrue(int8.spec().inputType().isInt8());
            assertEquals(1 / 255f, int8.spec().inputType().scale(), 1e-9f);
            assertEquals(-128, int8.spec().inputType().zeroPoint());
        }
        double psnr = worstPsnr(net, model);
        System.out.println("int8 pixel-shuffle x2 (int8 I/O): worst tile PSNR vs float twin " + psnr + " dB");
        assertTrue("PSNR " + psnr, psnr >= 40);
    }

    @Test
    public void int8InputSkipStaysCloseToItsFloatTwinWithInt8IoAndWithTheFloatSkip() {
        Network net = RandomNetworks.inputSkip(new Random(24), 3, 2, 16);
        ActivationRanges ranges = Calibration.collect(net, calibrationTiles);
        ModelDescription metadata = ModelDescription.describe("int8-skip-test", net, 1);
        assertTrue(TfliteModelWriter.hasInputCopySkip(net));
        double int8Io = worstPsnr(net, TfliteModelWriter.writeInt8(net, metadata, ranges,
                TfliteModelWriter.Int8Io.INT8));
        double floatSkip = worstPsnr(net, TfliteModelWriter.writeInt8(net, metadata, ranges,
                TfliteModelWriter.Int8Io.FLOAT, false, true));
        System.out.printf("int8 input skip x2: worst tile PSNR vs float twin, int8 I/O %.2f dB, float skip %.2f dB%n",
                int8Io, floatSkip);
        assertTrue("int8 I/O PSNR " + int8Io, int8Io >= 40);
        assertTrue("float skip PSNR " + floatSkip, floatSkip >= 40);
    }

    @Test
    public void int8OfTheOlderInputCopyLayoutStillKeepsItsSkipInFloat() {
        // weights trained before the fold are exported as they are until FoldInputCopies converts them
        Network net = TestNetworks.inputCopyLayout(new Random(25), 3, 2, 3, 16);
        assertTrue(TfliteModelWriter.hasInputCopySkip(net));
        double psnr = worstPsnr(net, TfliteModelWriter.writeInt8(net, ModelDescription.describe("int8-copy-test", net, 1),
                Calibration.collect(net, calibrationTiles), TfliteModelWriter.Int8Io.FLOAT, false, true));
        System.out.printf("int8 input-copy layout x2, float skip: worst tile PSNR vs float twin %.2f dB%n", psnr);
        assertTrue("PSNR " + psnr, psnr >= 40);
    }
}
