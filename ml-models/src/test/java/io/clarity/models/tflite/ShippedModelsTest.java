package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.models.TestNetworks;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * Every .tflite under ml-models/models goes through real TFLite and is checked against the pure-Java reference
 * run of the weights file it was written from ({@code <id>.clw} for {@code <id>[-fp16|-int8].tflite}).
 */
public class ShippedModelsTest {
    private static final Path MODELS = Paths.get("models");

    @Test
    public void everyShippedModelMatchesItsWeightsFileThroughTflite() throws Exception {
        List<Path> models = shippedModels();
        assumeTrue("no .tflite files under ml-models/models: nothing shipped to check", !models.isEmpty());
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: int8 models are checked on real photo tiles", data.isPresent());
        for (Path model : models) {
            String file = model.getFileName().toString();
            String variant = file.endsWith("-int8.tflite") ? "int8" : file.endsWith("-fp16.tflite") ? "fp16" : "fp32";
            String id = file.substring(0, file.length() - ".tflite".length() - (variant.equals("fp32") ? 0 : 5));
            Path weightsFile = MODELS.resolve(id + ".clw");
            assertTrue(file + " ships without its weights file " + weightsFile, Files.isRegularFile(weightsFile));
            WeightsFile weights = WeightsFile.read(weightsFile);
            byte[] bytes = Files.readAllBytes(model);
            ModelDescription metadata = TfliteHostModel.readMetadata(bytes);
            assertEquals(file, id, metadata.name());
            assertEquals(file, weights.bicubicPreUpscale(), metadata.bicubicPreUpscale());

            Network reference = variant.equals("fp16") ? roundedToFloat16(weights.network()) : weights.network();
            // Other crops (another seed) than the ones ExportModel calibrated on.
            List<Path> photos = PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos")).subList(0, 4);
            List<FloatImage> tiles = ExportModel.inputTiles(photos, weights, 2, 1);
            try (TfliteHostModel tflite = new TfliteHostModel(bytes, 2)) {
                for (FloatImage tile : tiles) {
                    FloatImage expected = reference.forward(tile);
                    FloatImage actual = tflite.upscale(tile);
                    if (variant.equals("int8")) {
                        // Shipped int8 models quantize their output over the pixel range [0, 1] only.
                        double psnr = TestNetworks.psnr(clampToPixels(expected), clampToPixels(actual));
                        System.out.printf("%s: PSNR vs float reference %.2f dB%n", file, psnr);
                        assertTrue(file + " int8 PSNR " + psnr, psnr >= 40);
                    } else {
                        float maxAbs = TestNetworks.maxAbsDifference(expected, actual);
                        System.out.printf("%s: max abs vs reference %.3g%n", file, maxAbs);
                        assertTrue(file + " max abs " + maxAbs, maxAbs <= 1e-5f);
                    }
                }
            }
        }
    }

    @Test
    public void everyDetailWeightSetBlendsIntoModelsThatMatchTheirReference() throws Exception {
        List<Path> details = new ArrayList<>();
        if (Files.isDirectory(MODELS)) {
            try (Stream<Path> files = Files.list(MODELS)) {
                files.filter(p -> p.getFileName().toString().endsWith(BlendedModel.DETAIL_SUFFIX + ".clw")).sorted()
                        .forEach(details::add);
            }
        }
        assumeTrue("no detail weights under ml-models/models: nothing to blend", !details.isEmpty());
        for (Path detailFile : details) {
            String name = detailFile.getFileName().toString();
            String id = name.substring(0, name.length() - (BlendedModel.DETAIL_SUFFIX + ".clw").length());
            WeightsFile fidelity = WeightsFile.read(MODELS.resolve(id + ".clw"));
            WeightsFile detail = WeightsFile.read(detailFile);
            FloatImage tile = RandomNetworks.randomImage(new Random(3), 24, 20, fidelity.network().inputChannels());
            for (float alpha : new float[] {0.25f, 0.5f, 1f}) {
                Network reference = WeightsFile.interpolate(fidelity, detail, alpha).network();
                for (boolean fp16 : new boolean[] {false, true}) {
                    byte[] bytes = BlendedModel.write(id, fidelity, detail, alpha, fp16);
                    assertEquals(id, TfliteHostModel.readMetadata(bytes).name());
                    Network expected = fp16 ? roundedToFloat16(reference) : reference;
                    try (TfliteHostModel tflite = new TfliteHostModel(bytes, 1)) {
                        float maxAbs = TestNetworks.maxAbsDifference(expected.forward(tile), tflite.upscale(tile));
                        System.out.printf("%s α %.2f %s: max abs vs reference %.3g%n", id, alpha,
                                fp16 ? "fp16" : "fp32", maxAbs);
                        assertTrue(id + " α " + alpha + " max abs " + maxAbs, maxAbs <= 1e-5f);
                    }
                }
            }
            Path heavyFile = MODELS.resolve(id + BlendedModel.HEAVY_SUFFIX + ".clw");
            if (Files.isRegularFile(heavyFile)) {
                // the cleaning strength: light and heavy fidelity weights, then the detail blend on top
                WeightsFile heavy = WeightsFile.read(heavyFile);
                Network reference = BlendedModel.blend(fidelity, heavy, detail, 0.6f, 0.25f).network();
                try (TfliteHostModel tflite = new TfliteHostModel(
                        BlendedModel.write(id, fidelity, heavy, detail, 0.6f, 0.25f, false), 1)) {
                    float maxAbs = TestNetworks.maxAbsDifference(reference.forward(tile), tflite.upscale(tile));
                    assertTrue(id + " strength 0.6 α 0.25 max abs " + maxAbs, maxAbs <= 1e-5f);
                }
            }
        }
    }

    private static List<Path> shippedModels() throws IOException {
        if (!Files.isDirectory(MODELS)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tflite")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static FloatImage clampToPixels(FloatImage image) {
        float[] v = image.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, Math.min(1f, v[i]));
        }
        return new FloatImage(image.width(), image.height(), image.channels(), v);
    }

    static Network roundedToFloat16(Network net) {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                layers.add(new Conv2d(c.inChannels(), c.outChannels(), c.kernelSize(), round(c.weights()),
                        round(c.bias()), c.fusedRelu()));
            } else if (layer instanceof InputSkip) {
                Conv2d c = ((InputSkip) layer).projection();
                layers.add(new InputSkip(new Conv2d(c.inChannels(), c.outChannels(), 1, round(c.weights()),
                        round(c.bias()), false)));
            } else if (layer instanceof PRelu) {
                layers.add(new PRelu(round(((PRelu) layer).alpha())));
            } else {
                layers.add(layer);
            }
        }
        return new Network(net.inputChannels(), layers);
    }

    private static float[] round(float[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Float16.round(v[i]);
        }
        return r;
    }
}
