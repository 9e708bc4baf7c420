package io.clarity.models.cli;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.tiling.Tile;
import io.clarity.engine.tiling.TilePlan;
import io.clarity.engine.tiling.TilePlanner;
import io.clarity.models.data.SharedData;
import io.clarity.models.tflite.TfliteHostModel;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The CLI's overhead on a 12 MP JPEG, measured in one run: {@code enhance IN.jpg OUT.jpg --threads 1} end to end
 * (decode, colour, tiling, chroma, JPEG encode, EXIF) divided by bare TFLite calls on the same tiles with the same
 * model, timed before and after the CLI run so drift from other load averages out. Target: at most 1.15.
 *
 * <p>Usage (after {@code ./mvnw -pl ml-models -am package}): {@code java --enable-native-access=ALL-UNNAMED
 * -cp "ml-models/target/test-classes:ml-models/target/clarity-models.jar" io.clarity.models.cli.CliThroughput [MODEL]}
 */
public final class CliThroughput {
    private CliThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length > 0 ? args[0] : BundledModels.defaultModel(2);
        Path dir = Files.createTempDirectory("clarity-throughput");
        Path in = dir.resolve("12mp.jpg");
        ImageIO.write(twelveMegapixels(), "jpg", in.toFile());
        Path out = dir.resolve("12mp-x2.jpg");

        byte[] bytes = BundledModels.load(id, BundledModels.blendable(id) ? Enhance.DEFAULT_DETAIL : null, 0f).orElseThrow();
        ModelDescription description = TfliteHostModel.readMetadata(bytes);
        TilePlan plan = TilePlanner.planFree(4000, 3000, EnhanceOptions.DEFAULT_TILE_SIZE, EnhanceOptions.DEFAULT_TILE_SIZE,
                description.halo());
        int channels = description.channels() == io.clarity.engine.model.ModelSpec.Channels.Y ? 1 : 3;

        bareCalls(bytes, description, plan, channels); // warm-up: JIT and XNNPACK's weight packing
        long bareBefore = bareCalls(bytes, description, plan, channels);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        int code = Enhance.run(new String[] {in.toString(), out.toString(), "--model", id, "--threads", "1"},
                System.out, new PrintStream(PrintStream.nullOutputStream()));
        long cli = System.nanoTime() - start;
        long cliCpu = processCpuNanos() - cpuStart;
        long bareAfter = bareCalls(bytes, description, plan, channels);
        if (code != 0) {
            throw new IllegalStateException("enhance exited " + code);
        }
        double bare = (bareBefore + bareAfter) / 2.0;
        System.out.printf("%s, 4000x3000 JPEG -> 8000x6000 JPEG q95, %d tiles of up to %d px, 1 worker%n", id,
                plan.tileCount(), EnhanceOptions.DEFAULT_TILE_SIZE);
        System.out.printf("CLI end to end:       %8.1f s%n", cli / 1e9);
        System.out.printf("bare TFLite calls:    %8.1f s before, %.1f s after%n", bareBefore / 1e9, bareAfter / 1e9);
        System.out.printf("CLI / bare TFLite:    %8.3f (target <= 1.15)%n", cli / bare);
        // CPU seconds do not depend on whether the second core was free for the encoder
        System.out.printf("CLI CPU time:         %8.1f s (%.3f x the bare calls' wall time)%n", cliCpu / 1e9, cliCpu / bare);
        Files.deleteIfExists(in);
        Files.deleteIfExists(out);
        Files.deleteIfExists(dir);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Every tile of the plan, input size with halo, through the network alone. */
    private static long bareCalls(byte[] bytes, ModelDescription description, TilePlan plan, int channels) throws Exception {
        Random random = new Random(3);
        long nanos = 0;
        try (SuperResolutionModel model = description.wrap(new TfliteHostModel(bytes, 1))) {
            for (int r = 0; r < plan.rows(); r++) {
                for (int c = 0; c < plan.columns(); c++) {
                    Tile tile = plan.tile(c, r);
                    float[] data = new float[tile.input().width() * tile.input().height() * channels];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = random.nextFloat();
                    }
                    FloatImage input = new FloatImage(tile.input().width(), tile.input().height(), channels, data);
                    long start = System.nanoTime();
                    model.upscale(input);
                    nanos += System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }

    /** A real photo from shared/data enlarged to 4000x3000 (or a noise field without it). */
    private static BufferedImage twelveMegapixels() throws Exception {
        BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Path photo = SharedData.locate().map(d -> d.resolve("train/photos/Aqua.jpg")).filter(Files::isRegularFile).orElse(null);
        if (photo != null) {
            java.awt.Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(ImageIO.read(photo.toFile()), 0, 0, 4000, 3000, null);
            g.dispose();
        } else {
            Random random = new Random(1);
            for (int y = 0; y < 3000; y++) {
                for (int x = 0; x < 4000; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
        }
        return image;
    }
}
