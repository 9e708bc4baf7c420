package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.ModelFactory;
import io.clarity.models.data.SharedData;
import io.clarity.models.eval.Evaluator;
import io.clarity.models.eval.QualityMetrics;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.TfliteHostModel;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * Every trained model in ml-models/models (those with a {@code .training} record) runs through the engine's
 * tiled pipeline on real TFLite: small and large tiles give the same pixels, and the fp32 and int8 files both
 * beat bicubic on a real benchmark crop.
 */
public class TrainedModelsThroughEngineTest {
    private static final Path MODELS = Paths.get("models");

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
        ArgbImage hr = crop(butterfly, 96, 96, 48, 48);
        for (String id : ids) {
            int scale = scaleOf(WeightsFile.read(MODELS.resolve(id + ".clw")));
            ArgbImage lr = Evaluator.lowResolution(hr, scale);
            double bicubic = psnr(new Evaluator(new EnhanceOptions(1, 64)).upscale(lr, Evaluator.bicubic(scale)), hr, scale);
            for (String file : new String[] {id + ".tflite", id + "-int8.tflite"}) {
                Path model = MODELS.resolve(file);
                assertTrue(file + " is missing", Files.isRegularFile(model));
                ModelFactory factory = () -> TfliteHostModel.open(model, 1);
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

    private static ArgbImage crop(ArgbImage image, int x0, int y0, int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), (y0 + y) * image.width() + x0, px, y * w, w);
        }
        return new ArgbImage(w, h, px);
    }
}
