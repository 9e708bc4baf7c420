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
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the app's live tile preview costs a job, measured in one run: the same photo through the same engine run
 * (real TFLite, the bundled x2 model, one worker as on the GPU path, JPEG q95 out) without and with a
 * {@link LivePreview} at the app's settings (1080 px, at most every 250 ms), alternating so drift from other load
 * hits both alike. Target: at most 3 % slower.
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
        byte[] bytes = BundledModels.load(id, BundledModels.blendable(id) ? Enhance.DEFAULT_STRENGTH : null).orElseThrow();
        ModelDescription description = TfliteHostModel.readMetadata(bytes);
        ArgbImage photo = photo(width, height);
        Path dir = Files.createTempDirectory("clarity-preview-cost");
        run(bytes, description, photo, dir, false); // warm-up: JIT, XNNPACK's weight packing
        long[] without = new long[pairs];
        long[] with = new long[pairs];
        int writes = 0;
        for (int i = 0; i < pairs; i++) {
            without[i] = run(bytes, description, photo, dir, false);
            AtomicInteger revisions = new AtomicInteger();
            with[i] = run(bytes, description, photo, dir, true, revisions);
            writes = revisions.get();
            System.out.printf("pair %d: without %.2f s, with %.2f s (%d preview files), ratio %.4f%n", i + 1,
                    without[i] / 1e9, with[i] / 1e9, writes, (double) with[i] / without[i]);
        }
        Arrays.sort(without);
        Arrays.sort(with);
        long a = without[pairs / 2];
        long b = with[pairs / 2];
        System.out.printf("%s, %dx%d -> %dx%d JPEG q95, 1 worker; medians of %d: without %.2f s, with %.2f s%n", id,
                width, height, width * 2, height * 2, pairs, a / 1e9, b / 1e9);
        System.out.printf("live preview cost: %+.2f %% (target <= 3 %%)%n", (b - a) * 100.0 / a);
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static long run(byte[] bytes, ModelDescription description, ArgbImage photo, Path dir, boolean preview)
            throws Exception {
        return run(bytes, description, photo, dir, preview, new AtomicInteger());
    }

    private static long run(byte[] bytes, ModelDescription description, ArgbImage photo, Path dir, boolean preview,
                            AtomicInteger revisions) throws Exception {
        Enhancer enhancer = new Enhancer(() -> description.wrap(new TfliteHostModel(bytes, 1)), EnhanceOptions.defaults());
        StreamingJpegWriter sink = new StreamingJpegWriter(new FileOutputTarget(dir.resolve("out.jpg")), 95,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        long start = System.nanoTime();
        if (preview) {
            try (LivePreview live = new LivePreview(dir.resolve("preview.png"), 1080, 250, TimeUnit.MILLISECONDS,
                    (revision, tiles) -> revisions.set(revision))) {
                enhancer.run(new InMemoryImageSource(photo, false), sink, ProgressListener.NONE, live,
                        new CancellationToken());
            }
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
