package io.clarity.app.platform;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.ProgressListener;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * One large photo through the engine with the tile rows {@link HeapBudget} gives a heap class, in a JVM of its own
 * (run it under {@code -Xmx} of that class): a synthetic source read by regions, a ×scale nearest-neighbour model (the
 * cheapest network of that scale: the memory is the pipeline's, not the model's), a sink that keeps nothing.
 * Prints {@code peakHeapMB=N maxBandMB=B rows=R} on success.
 *
 * <p>Usage: {@code LargePhotoRun width height scale heapClassMB} (0: the engine's default tile rows, no budget)
 */
public final class LargePhotoRun {
    private LargePhotoRun() {
    }

    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int scale = Integer.parseInt(args[2]);
        int heapClass = Integer.parseInt(args[3]);
        EnhanceOptions options = heapClass > 0 ? HeapBudget.forMemoryClass(heapClass) : EnhanceOptions.defaults();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long[] rows = {0};
        long[] maxBand = {0};
        ImageSink sink = new ImageSink() {
            @Override
            public void start(int w, int h, boolean alpha) {
            }

            @Override
            public void writeRows(ArgbImage band) {
                rows[0] += band.height();
                maxBand[0] = Math.max(maxBand[0], (long) band.width() * band.height() * Integer.BYTES);
            }

            @Override
            public void finish() {
            }

            @Override
            public void abort() {
            }
        };
        new Enhancer(() -> new Nearest(scale), options)
                .run(new Gradient(width, height), sink, ProgressListener.NONE, new CancellationToken());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeapMB=" + (peak >> 20) + " maxBandMB=" + (maxBand[0] >> 20) + " rows=" + rows[0]);
    }

    /** Pixels computed per region: a 50 MP photo that never sits in memory whole. */
    private static final class Gradient implements ImageSource {
        private final int width;
        private final int height;

        Gradient(int width, int height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public boolean hasAlpha() {
            return false;
        }

        @Override
        public ArgbImage read(Region r) {
            ArgbImage img = new ArgbImage(r.width(), r.height());
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    img.set(x, y, 0xFF000000 | ((r.x() + x) & 0xFF) << 16 | ((r.y() + y) & 0xFF) << 8);
                }
            }
            return img;
        }

        @Override
        public void close() {
        }
    }

    private static final class Nearest implements SuperResolutionModel {
        private final ModelSpec spec;
        private final int scale;

        Nearest(int scale) {
            this.scale = scale;
            this.spec = ModelSpec.freeShape("nearest-x" + scale, scale, ModelSpec.Channels.RGB, TensorType.FLOAT32, 2);
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public FloatImage upscale(FloatImage tile) {
            int c = tile.channels();
            FloatImage out = new FloatImage(tile.width() * scale, tile.height() * scale, c);
            float[] in = tile.data();
            float[] o = out.data();
            int ow = out.width();
            for (int y = 0; y < out.height(); y++) {
                int row = (y / scale) * tile.width();
                for (int x = 0; x < ow; x++) {
                    System.arraycopy(in, (row + x / scale) * c, o, (y * ow + x) * c, c);
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
