package io.clarity.models.cli;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.InMemoryImageSource;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.LivePreview;
import io.clarity.engine.pipeline.ProgressListener;
import io.clarity.engine.pipeline.TileOutputListener;
import io.clarity.models.data.SharedData;
import io.clarity.models.tflite.TfliteHostModel;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the app's live tile preview costs a job, measured in one run: the same photo through the same engine run
 * (real TFLite, the bundled x2 model, one worker as on the GPU path, JPEG q95 out) without and with a
 * {@link LivePreview} at the app's settings (1080 px, at most every 500 ms), alternating so drift from other load
 * hits both alike, and the preview's own CPU time (its work on the run thread plus its writer thread) against the
 * job's. Target: at most 3 %. Prints wall and process CPU time: on a machine shared with other work the
 * CPU time is the steadier figure.
 *
 * <p>Usage (after {@code ./mvnw -pl ml-models -am package}): {@code java --enable-native-access=ALL-UNNAMED
 * -cp "ml-models/target/test-classes:ml-models/target/clarity-models.jar" io.clarity.models.cli.LivePreviewCost
 * [PAIRS] [WIDTH HEIGHT]}
 */
public final class LivePreviewCost {
    private LivePreviewCost() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int width = args.length > 2 ? Integer.parseInt(args[1]) : 4000;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        String id = BundledModels.defaultModel(2);
        byte[] bytes = BundledModels.load(id, BundledModels.blendable(id) ? Enhance.DEFAULT_DETAIL : null, 0f)
                .orElseThrow(); // cleaning strength 0: the light weights, as for a clean photo
        ModelDescription description = TfliteHostModel.readMetadata(bytes);
        ArgbImage photo = photo(width, height);
        Path dir = Files.createTempDirectory("clarity-preview-cost");
        run(bytes, description, photo, dir, false); // warm-up: JIT, XNNPACK's weight packing
        long[] without = new long[pairs];
        long[] with = new long[pairs];
        long[] cpuWithout = new long[pairs];
        long[] cpuWith = new long[pairs];
        double[] direct = new double[pairs];
        int writes = 0;
        for (int i = 0; i < pairs; i++) {
            long cpu = processCpuNanos();
            without[i] = run(bytes, description, photo, dir, false);
            cpuWithout[i] = processCpuNanos() - cpu;
            AtomicInteger revisions = new AtomicInteger();
            cpu = processCpuNanos();
            with[i] = run(bytes, description, photo, dir, true, revisions);
            cpuWith[i] = processCpuNanos() - cpu;
            direct[i] = (double) previewCpu.get() / cpuWithout[i];
            writes = revisions.get();
            System.out.printf("pair %d: wall without %.2f s, with %.2f s (%d preview files), ratio %.4f;"
                    + " CPU without %.2f s, with %.2f s, ratio %.4f%n", i + 1, without[i] / 1e9, with[i] / 1e9, writes,
                    (double) with[i] / without[i], cpuWithout[i] / 1e9, cpuWith[i] / 1e9,
                    (double) cpuWith[i] / cpuWithout[i]);
        }
        Arrays.sort(without);
        Arrays.sort(with);
        Arrays.sort(cpuWithout);
        Arrays.sort(cpuWith);
        long a = without[pairs / 2];
        long b = with[pairs / 2];
        long ca = cpuWithout[pairs / 2];
        long cb = cpuWith[pairs / 2];
        System.out.printf("%s, %dx%d -> %dx%d JPEG q95, 1 worker; medians of %d: without %.2f s, with %.2f s%n", id,
                width, height, width * 2, height * 2, pairs, a / 1e9, b / 1e9);
        Arrays.sort(direct);
        System.out.printf("live preview cost: wall %+.2f %%, CPU %+.2f %% (medians of the pairs); the preview's own CPU"
                + " %.2f %% of the job's (median; target <= 3 %%)%n", (b - a) * 100.0 / a, (cb - ca) * 100.0 / ca,
                direct[pairs / 2] * 100);
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** CPU seconds do not depend on whether the other core was free (this machine is shared). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long run(byte[] bytes, ModelDescription description, ArgbImage photo, Path dir, boolean preview)
            throws Exception {
        return run(bytes, description, photo, dir, preview, new AtomicInteger());
    }

    private static final java.util.concurrent.atomic.AtomicLong previewCpu = new java.util.concurrent.atomic.AtomicLong();

    private static long run(byte[] bytes, ModelDescription description, ArgbImage photo, Path dir, boolean preview,
                            AtomicInteger revisions) throws Exception {
        Enhancer enhancer = new Enhancer(() -> description.wrap(new TfliteHostModel(bytes, 1)), EnhanceOptions.defaults());
        StreamingJpegWriter sink = new StreamingJpegWriter(new FileOutputTarget(dir.resolve("out.jpg")), 95,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        long start = System.nanoTime();
        if (preview) {
            LivePreview live = new LivePreview(dir.resolve("preview.png"), 1080, 500, TimeUnit.MILLISECONDS,
                    (revision, tiles) -> revisions.set(revision));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] onRunThread = new long[1];
            TileOutputListener timed = new TileOutputListener() {
                @Override
                public void started(int width, int height) {
                    live.started(width, height);
                }

                @Override
                public void tileDone(io.clarity.engine.image.Region output, ArgbImage band, int bandTop) {
                    long t = threads.getCurrentThreadCpuTime();
                    live.tileDone(output, band, bandTop);
                    onRunThread[0] += threads.getCurrentThreadCpuTime() - t;
                }
            };
            enhancer.run(new InMemoryImageSource(photo, false), sink, ProgressListener.NONE, timed,
                    new CancellationToken());
            long writer = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().equals("clarity-live-preview")) {
                    writer += threads.getThreadCpuTime(info.getThreadId());
                }
            }
            live.close();
            previewCpu.set(onRunThread[0] + writer);
            System.out.printf("  preview's own CPU: %.3f s in tileDone on the run thread, %.3f s on its writer%n",
                    onRunThread[0] / 1e9, writer / 1e9);
        } else {
            enhancer.run(new InMemoryImageSource(photo, false), sink, ProgressListener.NONE, TileOutputListener.NONE,
                    new CancellationToken());
        }
        return System.nanoTime() - start;
    }

    /** A real photo from shared/data enlarged to the size asked (a noise field without it). */
    private static ArgbImage photo(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Path photo = SharedData.locate().map(d -> d.resolve("train/photos/Aqua.jpg")).filter(Files::isRegularFile).orElse(null);
        java.awt.Graphics2D g = image.createGraphics();
        if (photo != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(ImageIO.read(photo.toFile()), 0, 0, width, height, null);
        }
        g.dispose();
        return new ArgbImage(width, height, image.getRGB(0, 0, width, height, null, 0, width));
    }
}
