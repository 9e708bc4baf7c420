package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.models.data.SharedData;
import io.clarity.models.eval.Evaluator;
import io.clarity.models.eval.QualityMetrics;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * Every trained model in ml-models/models (those with a {@code .training} record) runs through the engine's
 * tiled pipeline on real TFLite: small and large tiles give the same pixels, and the fp32 and int8 files both
 * beat bicubic on a real benchmark crop. A real-photo model (one with detail weights) gets the crop blurred,
 * noisy and JPEG-compressed, the inputs it is for, and its blend at detail strength 0.5 is checked too.
 */
public class TrainedModelsThroughEngineTest {
    private static final Path MODELS = Paths.get("models");
    /** A fixed real-photo degradation: blur σ 1.2, noise σ 4, JPEG q70. */
    private static final RealisticDegradation DEGRADED =
            new RealisticDegradation(1.2, 1.2, 0, false, 4, false, false, 70, 7);

    @Test
    public void everyTrainedModelTilesExactlyAndBeatsBicubicOnARealCrop() throws Exception {
        List<String> ids = trainedIds();
        assumeTrue("no trained models under ml-models/models", !ids.isEmpty());
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout", data.isPresent());
        ArgbImage butterfly = null;
        for (Path f : PhotoTiles.imagesIn(data.get().resolve("bench").resolve("Set5"))) {
            if (f.getFileName().toString().startsWith("butterfly")) {
                butterfly = Evaluator.readRgb(f);
            }
        }
        assumeTrue("Set5 butterfly not found", butterfly != null);
        ArgbImage hr = Evaluator.crop(butterfly, 96, 96, 48, 48);
        for (String id : ids) {
            int scale = scaleOf(WeightsFile.read(MODELS.resolve(id + ".clw")));
            Path detail = MODELS.resolve(id + BlendedModel.DETAIL_SUFFIX + ".clw");
            boolean realPhoto = Files.isRegularFile(detail);
            ArgbImage lr = realPhoto ? DEGRADED.apply(hr, scale) : Evaluator.lowResolution(hr, scale);
            double bicubic = psnr(new Evaluator(new EnhanceOptions(1, 64)).upscale(lr, Evaluator.bicubic(scale)), hr, scale);
            Map<String, ModelFactory> variants = new LinkedHashMap<>();
            for (String file : new String[] {id + ".tflite", id + "-int8.tflite"}) {
                Path model = MODELS.resolve(file);
                assertTrue(file + " is missing", Files.isRegularFile(model));
                variants.put(file, () -> TfliteHostModel.open(model, 1));
            }
            if (realPhoto) {
                byte[] half = BlendedModel.write(id, WeightsFile.read(MODELS.resolve(id + ".clw")),
                        WeightsFile.read(detail), 0.5f, true);
                ModelDescription description = TfliteHostModel.readMetadata(half);
                variants.put(id + " blended at α 0.5", () -> description.wrap(new TfliteHostModel(half, 1)));
            }
            for (Map.Entry<String, ModelFactory> variant : variants.entrySet()) {
                String file = variant.getKey();
                ModelFactory factory = variant.getValue();
                int halo;
                try (SuperResolutionModel m = factory.create()) {
                    halo = m.spec().halo();
                }
                // Cores of 8 pixels: several seams across the crop.
                ArgbImage small = new Evaluator(new EnhanceOptions(1, 2 * halo + 8)).upscale(lr, factory);
                ArgbImage whole = new Evaluator(new EnhanceOptions(1, 2 * halo + 64)).upscale(lr, factory);
                assertArrayEquals(file + ": small tiles differ from one tile", whole.pixels(), small.pixels());
                double psnr = psnr(whole, hr, scale);
                System.out.printf("%s: butterfly crop x%d %.2f dB (bicubic %.2f)%n", file, scale, psnr, bicubic);
                assertTrue(file + " " + psnr + " dB vs bicubic " + bicubic, psnr > bicubic + 0.5);
            }
        }
    }

    private static List<String> trainedIds() throws Exception {
        if (!Files.isDirectory(MODELS)) {
            return java.util.Collections.emptyList();
        }
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".training"))
                    .map(n -> n.substring(0, n.length() - ".training".length())).sorted().collect(Collectors.toList());
        }
    }

    private static int scaleOf(WeightsFile w) {
        return w.network().scale() * w.bicubicPreUpscale();
    }

    private static double psnr(ArgbImage sr, ArgbImage hr, int scale) {
        return QualityMetrics.psnr(Evaluator.luma(sr, false).shave(scale), Evaluator.luma(hr, false).shave(scale));
    }
}
