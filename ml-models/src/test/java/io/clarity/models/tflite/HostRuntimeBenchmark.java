package io.clarity.models.tflite;

import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.TestNetworks;
import io.clarity.models.data.SharedData;
import io.clarity.models.quant.Calibration;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.train.LumaPlanes;
import io.clarity.engine.image.ArgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints host TFLite timings per tile (XNNPACK on, 2 threads): fp32 against int8 for an SRCNN-shaped net
 * (64-32, the paper's widths) and the Java reference for scale. Host int8 kernels are unoptimised on x86:
 * these are not phone numbers. Run outside Maven: {@code java -cp ... HostRuntimeBenchmark}.
 */
public final class HostRuntimeBenchmark {
    private HostRuntimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path photos = SharedData.locate().orElseThrow(() -> new IllegalStateException("no shared/data"))
                .resolve("train").resolve("photos");
        List<FloatImage> calibration = new ArrayList<>();
        for (ArgbImage t : PhotoTiles.crops(PhotoTiles.imagesIn(photos).subList(0, 4), 48, 4, 640, 1)) {
            calibration.add(LumaPlanes.of(t));
        }
        Network srcnn = RandomNetworks.srcnn(new Random(1), 64, 32);
        ModelDescription m = ModelDescription.describe("srcnn-bench", srcnn, 2);
        byte[] fp32 = TfliteModelWriter.writeFloat32(srcnn, m);
        byte[] int8 = TfliteModelWriter.writeInt8(srcnn, m, Calibration.collect(srcnn, calibration),
                TfliteModelWriter.Int8Io.FLOAT);
        for (int side : new int[] {64, 256}) {
            FloatImage tile = RandomNetworks.randomImage(new Random(2), side, side, 1);
            System.out.printf("SRCNN 9-5-5 (64-32) %d² tile: fp32 TFLite %.1f ms, int8 TFLite %.1f ms, Java reference %.1f ms%n",
                    side, time(fp32, tile), time(int8, tile), timeReference(srcnn, tile));
        }
    }

    private static double time(byte[] model, FloatImage tile) {
        try (TfliteHostModel runtime = new TfliteHostModel(model, 2)) {
            runtime.upscale(tile); // resize and warm up
            int runs = 5;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                runtime.upscale(tile);
            }
            return (System.nanoTime() - start) / 1e6 / runs;
        }
    }

    private static double timeReference(Network net, FloatImage tile) {
        net.forward(tile);
        long start = System.nanoTime();
        net.forward(tile);
        return (System.nanoTime() - start) / 1e6;
    }
}
