package io.clarity.engine.pipeline;

import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.nn.ReferenceModel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Random;

/**
 * Memory is O(tile row × width): upscales a synthetic 8000x6000 image x2 (16000x12000 out, 192 MP) into a
 * sink that only counts rows, with a cheap one-conv pixel-shuffle model, and prints the peak heap. Run it
 * under {@code -Xmx256m}; the whole output as ARGB would take 768 MB.
 *
 * <p>Usage: {@code java -Xmx256m -cp app/engine/target/classes:app/engine/target/test-classes
 * io.clarity.engine.pipeline.MemoryCheck [width height threads]}
 */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Conv2d conv = RandomNetworks.conv(new Random(1), 3, 12, 3, false);
        Network net = new Network(3, Arrays.asList(conv, new DepthToSpace(2)));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        RowCountingSink sink = new RowCountingSink();
        long start = System.nanoTime();
        EnhanceResult result = new Enhancer(() -> ReferenceModel.freeShape("conv3x3-x2", net),
                new EnhanceOptions(threads, EnhanceOptions.DEFAULT_TILE_SIZE))
                .run(new SyntheticImageSource(width, height), sink, ProgressListener.NONE, new CancellationToken());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%dx%d -> %dx%d, %d tiles, %d threads, %d s; rows received %d, finished %b%n",
                width, height, sink.width, sink.height, result.tiles(), threads, seconds, sink.rows, sink.finished);
        System.out.printf("max heap %d MB; peak heap used (sum of pool peaks) %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }
}
