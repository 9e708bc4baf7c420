package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.eval.Evaluator;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.weights.WeightsFile;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits {@code linear-x<scale>}, the least-squares linear Y upscaler, on T91 and BSD200 and writes its weights
 * file. Usage: {@code FitLinearModel SCALE KERNEL OUT.clw}.
 */
public final class FitLinearModel {
    private FitLinearModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: FitLinearModel SCALE KERNEL OUT.clw");
            System.exit(2);
        }
        int scale = Integer.parseInt(args[0]);
        int kernel = Integer.parseInt(args[1]);
        Path out = Paths.get(args[2]);
        Path data = SharedData.locate().orElseThrow(() -> new IllegalStateException("no shared/data found"));
        List<Path> files = new ArrayList<>(PhotoTiles.imagesIn(data.resolve("train").resolve("T91")));
        files.addAll(PhotoTiles.imagesIn(data.resolve("train").resolve("BSD200")));
        LinearUpscalerFit fit = new LinearUpscalerFit(scale, kernel);
        long start = System.nanoTime();
        for (Path file : files) {
            ArgbImage image = Evaluator.readRgb(file);
            fit.add(LumaPlanes.of(image));
        }
        Network network = fit.solve();
        new WeightsFile(network, 1).write(out);
        System.out.printf("linear x%d, %dx%d kernel: %d samples from %d images in %.1f s -> %s%n", scale, kernel, kernel,
                fit.samples(), files.size(), (System.nanoTime() - start) / 1e9, out);
    }
}
