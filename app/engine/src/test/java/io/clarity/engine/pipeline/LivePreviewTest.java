package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.model.ModelSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class LivePreviewTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void previewSizeFitsTheLongerSideAndNeverEnlarges() {
        assertArrayEquals(new int[] {1024, 768}, LivePreview.previewSize(8000, 6000, 1024));
        assertArrayEquals(new int[] {768, 1024}, LivePreview.previewSize(6000, 8000, 1024));
        assertArrayEquals(new int[] {300, 200}, LivePreview.previewSize(300, 200, 1024));
        assertArrayEquals("a sliver keeps one pixel", new int[] {1024, 1}, LivePreview.previewSize(100000, 3, 1024));
    }

    @Test
    public void tilesDownsampledOneByOneEqualTheWholeOutputBoxAveraged() {
        ArgbImage output = gradient(64, 48);
        ArgbImage byTiles = new ArgbImage(16, 12);
        // Four 32x24 tiles, each an exact multiple of the 4:1 reduction.
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                LivePreview.downsample(new Region(tx * 32, ty * 24, 32, 24), output, 0, 64, 48, byTiles);
            }
        }
        ArgbImage whole = new ArgbImage(16, 12);
        LivePreview.downsample(new Region(0, 0, 64, 48), output, 0, 64, 48, whole);
        assertArrayEquals(whole.pixels(), byTiles.pixels());
        // Top-left preview pixel: the mean of output pixels (0..3, 0..3).
        long sumRed = 0;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                sumRed += (output.get(x, y) >> 16) & 0xFF;
            }
        }
        assertEquals((sumRed + 8) / 16, (whole.get(0, 0) >> 16) & 0xFF);
    }

    @Test
    public void aTileFillsOnlyItsOwnRegionAndTheRestStaysTransparent() {
        ArgbImage output = gradient(100, 60);
        ArgbImage preview = new ArgbImage(10, 6);
        LivePreview.downsample(new Region(0, 0, 50, 30), output, 0, 100, 60, preview);
        assertEquals(0xFF, preview.get(4, 2) >>> 24);
        assertEquals("not done yet", 0, preview.get(5, 3));
        assertEquals("not done yet", 0, preview.get(9, 5));
    }

    @Test
    public void aRunWritesPreviewsThatEndAsTheOutputAtScreenSize() throws Exception {
        ArgbImage input = gradient(90, 70);
        File file = folder.newFile("preview.png");
        List<int[]> published = new ArrayList<>();
        FakeImageSink sink = new FakeImageSink();
        try (LivePreview preview = new LivePreview(file.toPath(), 60, 0, TimeUnit.MILLISECONDS,
                (revision, tiles) -> {
                    synchronized (published) {
                        published.add(new int[] {revision, tiles});
                    }
                })) {
            new Enhancer(() -> new FakeNearestModel(2, ModelSpec.Channels.RGB), new EnhanceOptions(2, 24))
                    .run(new FakeImageSource(input, false), sink, ProgressListener.NONE, preview,
                            new CancellationToken());
            // The last tile may land while the writer is busy: the writer then writes once more by itself.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lastTiles(published) < tileCount(input) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertFalse(published.isEmpty());
        for (int i = 0; i < published.size(); i++) {
            assertEquals("revisions count up from 1", i + 1, published.get(i)[0]);
        }
        assertEquals("every tile shown in the end",
                tileCount(input), lastTiles(published));
        BufferedImage png = ImageIO.read(file);
        assertEquals(60, png.getWidth());
        assertEquals(47, png.getHeight());
        ArgbImage expected = new ArgbImage(60, 47);
        LivePreview.downsample(new Region(0, 0, 180, 140), sink.image, 0, 180, 140, expected);
        int worst = 0;
        for (int y = 0; y < 47; y++) {
            for (int x = 0; x < 60; x++) {
                int a = png.getRGB(x, y);
                int b = expected.get(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    worst = Math.max(worst, Math.abs(((a >>> shift) & 0xFF) - ((b >>> shift) & 0xFF)));
                }
            }
        }
        // Preview pixels straddling two tiles average one tile's part of them: a smooth gradient moves little.
        assertTrue("largest difference " + worst, worst <= 6);
    }

    @Test
    public void aLongIntervalWritesOnceWhateverTheTileCount() throws Exception {
        File file = folder.newFile("preview.png");
        int[] writes = new int[1];
        try (LivePreview preview = new LivePreview(file.toPath(), 32, 1, TimeUnit.HOURS,
                (revision, tiles) -> writes[0] = revision)) {
            new Enhancer(() -> new FakeNearestModel(2, ModelSpec.Channels.RGB), new EnhanceOptions(1, 16))
                    .run(new FakeImageSource(gradient(64, 64), false), new FakeImageSink(), ProgressListener.NONE,
                            preview, new CancellationToken());
            Thread.sleep(200);
        }
        assertEquals(1, writes[0]);
        assertTrue(file.length() > 0);
    }

    private static int lastTiles(List<int[]> published) {
        synchronized (published) {
            return published.isEmpty() ? 0 : published.get(published.size() - 1)[1];
        }
    }

    private static int tileCount(ArgbImage input) {
        return io.clarity.engine.tiling.TilePlanner.planFree(input.width(), input.height(), 24,
                new EnhanceOptions(2, 24).tileHeightFor(input.width(), 2, 0), 0).tileCount();
    }

    private static ArgbImage gradient(int width, int height) {
        ArgbImage image = new ArgbImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.set(x, y, 0xFF000000 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        return image;
    }
}
