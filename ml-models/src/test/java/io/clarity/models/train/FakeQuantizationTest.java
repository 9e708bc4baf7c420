package io.clarity.models.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.nn.Network;
import io.clarity.models.TestNetworks;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.ActivationEqualization;
import io.clarity.models.quant.ActivationRanges;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.ExportModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.tflite.TfliteModelWriter;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * The quantization-aware fine-tune trains against a float simulation of the int8 model's activation rounding;
 * it is only worth anything if that costs what real TFLite int8 costs. Not pixel for pixel: the real model also
 * rounds its weights, and one value rounded the other way changes every later rounding, but in size.
 */
public class FakeQuantizationTest {
    static {
        PyTorchTestEnvironment.configure();
    }

    @Test
    public void simulatedInt8ErrorIsAsLargeAsTfliteInt8Error() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: calibration needs real photo tiles", data.isPresent());
        WeightsFile shipped = WeightsFile.read(Paths.get("models", "fast-x2.clw"));
        List<Path> photos = PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos"));
        List<FloatImage> calibration = ExportModel.inputTiles(photos.subList(0, 8), shipped, 1, 2);
        Network net = ActivationEqualization.apply(shipped.network(), calibration);
        ActivationRanges ranges = Calibration.collect(net, calibration);
        // ExportModel.int8's layout with the calibrated ranges the simulation uses (before the export's narrowing)
        byte[] int8 = TfliteModelWriter.writeInt8(net, ModelDescription.describe("fast-x2", net, 1), ranges,
                TfliteModelWriter.Int8Io.FLOAT, true, TfliteModelWriter.int8Layout(net));
        FakeQuantization simulation = new FakeQuantization(net, ranges);
        List<FloatImage> probes = ExportModel.inputTiles(photos.subList(8, 12), shipped, 2, 1);
        try (NDManager manager = Engine.getInstance().newBaseManager();
             TrainableNetwork trainable = new TrainableNetwork(net, manager);
             TfliteHostModel tflite = new TfliteHostModel(int8, 1)) {
            for (FloatImage probe : probes) {
                FloatImage real = clamped(tflite.upscale(probe));
                FloatImage fp32 = clamped(net.forward(probe));
                NDArray x = manager.create(probe.data(), new Shape(1, 1, probe.height(), probe.width()));
                FloatImage simulated = clamped(new FloatImage(real.width(), real.height(), 1,
                        trainable.forward(x, simulation).toFloatArray()));
                double realError = TestNetworks.psnr(fp32, real);
                double simulatedError = TestNetworks.psnr(fp32, simulated);
                System.out.printf("PSNR vs float: TFLite int8 %.2f dB, simulated int8 %.2f dB%n", realError, simulatedError);
                // The simulation leaves out the weights' rounding, which near 60 dB against float is a visible
                // share of the error (the L2-tuned fast-x2: 59.80 simulated vs 59.12 dB); a broken simulation is
                // off by several dB.
                assertTrue("simulated " + simulatedError + " dB, TFLite " + realError + " dB",
                        Math.abs(simulatedError - realError) < 1.0);
            }
        }
    }

    private static FloatImage clamped(FloatImage image) {
        float[] d = image.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.min(1f, Math.max(0f, d[i]));
        }
        return new FloatImage(image.width(), image.height(), image.channels(), d);
    }
}
