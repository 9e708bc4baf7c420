package io.clarity.engine.pipeline;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.tiling.TilePlan;
import io.clarity.engine.tiling.TilePlanner;

import java.util.Random;

/**
 * Engine overhead, measured in one run: end-to-end time of {@link Enhancer#run} divided by the sum of bare
 * model calls on tiles of the same shape, for ESPCN x2 (5x5x64, 3x3x32, 3x3x12, pixel shuffle; halo 4) on
 * fixed 192x192 RGB tiles, one worker. Target: at most 1.10. Also prints the overlap overhead
 * (computed input pixels / image pixels).
 *
 * <p>Usage: {@code java -cp app/engine/target/classes:app/engine/target/test-classes
 * io.clarity.engine.pipeline.EngineBenchmark [width height tile]}
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    private static long bareModelNanos(ReferenceModel model, int calls, int tile) {
        Random random = new Random(2);
        long nanos = 0;
        for (int i = 0; i < calls; i++) {
            FloatImage input = RandomNetworks.randomImage(random, tile, tile, 3);
            long start = System.nanoTime();
            model.upscale(input);
            nanos += System.nanoTime() - start;
        }
        return nanos;
    }

    public static void main(String[] args) throws Exception {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 768;
        int tile = args.length > 2 ? Integer.parseInt(args[2]) : 192;
        Network net = RandomNetworks.espcn(new Random(1), 2);
        ModelFactory factory = () -> ReferenceModel.fixedShape("espcn-x2", net, tile, tile);

        // Warm-up: let the JIT compile the model and the engine paths.
        new Enhancer(factory, new EnhanceOptions(1, tile)).run(new SyntheticImageSource(tile * 2, tile),
                new RowCountingSink(), ProgressListener.NONE, new CancellationToken());

        TilePlan plan = TilePlanner.planFixed(width, height, tile, tile, net.halo());
        ReferenceModel bare = ReferenceModel.fixedShape("espcn-x2", net, tile, tile);
        // Bare calls before and after the engine run, so drift from other load on the machine averages out.
        long bareBefore = bareModelNanos(bare, plan.tileCount(), tile);
        RowCountingSink sink = new RowCountingSink();
        EnhanceResult result = new Enhancer(factory, new EnhanceOptions(1, tile)).run(
                new SyntheticImageSource(width, height), sink, ProgressListener.NONE, new CancellationToken());
        long bareAfter = bareModelNanos(bare, plan.tileCount(), tile);
        double bareNanos = (bareBefore + bareAfter) / 2.0;
        EnhanceResult parallel = new Enhancer(factory, new EnhanceOptions(2, tile)).run(
                new SyntheticImageSource(width, height), new RowCountingSink(), ProgressListener.NONE,
                new CancellationToken());

        System.out.printf("image %dx%d -> x2, ESPCN-shaped reference model, fixed %dx%d tiles, halo %d, %d tiles, 1 worker%n",
                width, height, tile, tile, net.halo(), result.tiles());
        System.out.printf("engine end-to-end:          %8.1f ms%n", result.wallNanos() / 1e6);
        System.out.printf("model calls inside the run: %8.1f ms%n", result.modelNanos() / 1e6);
        System.out.printf("bare model calls (%d tiles): %8.1f ms before, %8.1f ms after the run%n", result.tiles(),
                bareBefore / 1e6, bareAfter / 1e6);
        System.out.printf("end-to-end / bare model calls:   %.3f (target <= 1.10)%n", result.wallNanos() / bareNanos);
        System.out.printf("end-to-end / in-run model calls: %.3f%n", (double) result.wallNanos() / result.modelNanos());
        System.out.printf("2 workers: end-to-end %.1f ms, model calls %.1f ms; end-to-end / (model calls / 2) = %.3f (%d cores)%n",
                parallel.wallNanos() / 1e6, parallel.modelNanos() / 1e6,
                parallel.wallNanos() / (parallel.modelNanos() / 2.0), Runtime.getRuntime().availableProcessors());
        System.out.printf("overlap overhead (computed px / image px): %.3f (plan says %.3f)%n",
                result.overlapOverhead(), plan.overlapOverhead());
        for (int[] photo : new int[][] {{4000, 3000}, {8000, 6000}}) {
            System.out.printf("overlap overhead the same tiles give a %dx%d photo: %.3f%n", photo[0], photo[1],
                    TilePlanner.planFixed(photo[0], photo[1], tile, tile, net.halo()).overlapOverhead());
        }
        System.out.printf("output rows: %d, checksum %x%n", sink.rows, sink.checksum);
    }
}
