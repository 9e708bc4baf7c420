package io.clarity.engine.pipeline;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.nn.ReferenceModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class EnhancerTest {
    private static final Network SHUFFLE_X2 = RandomNetworks.pixelShuffle(new Random(1), 3, 2, 4);
    private static final Network SRCNN = RandomNetworks.srcnn(new Random(2), 6, 3);

    private static FakeImageSink enhance(ModelFactory factory, ArgbImage image, boolean alpha, int threads, int tileSize)
            throws Exception {
        FakeImageSink sink = new FakeImageSink();
        new Enhancer(factory, new EnhanceOptions(threads, tileSize))
                .run(new FakeImageSource(image, alpha), sink, ProgressListener.NONE, new CancellationToken());
        return sink;
    }

    private static SuperResolutionModel srcnnX2() {
        return new BicubicPreUpscaledModel(ReferenceModel.freeShape("srcnn", SRCNN), 2);
    }

    @Test
    public void rgbOutputEqualsWholeImageRunOnEverySize() throws Exception {
        Random random = new Random(3);
        for (int[] size : new int[][] {{1, 1}, {7, 13}, {257, 129}, {1000, 3}, {30, 20}}) {
            ArgbImage image = WholeImageReference.randomImage(random, size[0], size[1], false);
            ArgbImage expected = WholeImageReference.enhance(ReferenceModel.freeShape("s", SHUFFLE_X2), image, false);
            FakeImageSink sink = enhance(() -> ReferenceModel.freeShape("s", SHUFFLE_X2), image, false, 2, 40);
            assertTrue(sink.finished);
            assertFalse(sink.hasAlpha);
            assertArrayEquals(size[0] + "x" + size[1], expected.pixels(), sink.image.pixels());
        }
    }

    @Test
    public void fixedShapeModelGivesTheSameOutputAsFreeShape() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(4), 45, 33, false);
        ArgbImage expected = WholeImageReference.enhance(ReferenceModel.freeShape("s", SHUFFLE_X2), image, false);
        FakeImageSink sink = enhance(() -> ReferenceModel.fixedShape("s", SHUFFLE_X2, 24, 16), image, false, 1, 999);
        assertArrayEquals(expected.pixels(), sink.image.pixels());
    }

    @Test
    public void lumaModelOutputEqualsWholeImageRun() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(5), 61, 37, false);
        ArgbImage expected = WholeImageReference.enhance(srcnnX2(), image, false);
        FakeImageSink sink = enhance(EnhancerTest::srcnnX2, image, false, 2, 24);
        assertArrayEquals(expected.pixels(), sink.image.pixels());
    }

    @Test
    public void eightBitPixelsSurviveTheFloatRoundTripExactly() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(13), 37, 23, true);
        ArgbImage out = enhance(() -> new FakeNearestModel(3, ModelSpec.Channels.RGB), image, false, 2, 16).image;
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                assertEquals(image.get(x / 3, y / 3) | 0xff000000, out.get(x, y));
            }
        }
    }

    @Test
    public void flatColoursSurviveTheLumaPathExactly() throws Exception {
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 17) {
                for (int b = 0; b < 256; b += 51) {
                    ArgbImage image = new ArgbImage(3, 2);
                    java.util.Arrays.fill(image.pixels(), 0xff000000 | r << 16 | g << 8 | b);
                    ArgbImage out = enhance(() -> new FakeNearestModel(2, ModelSpec.Channels.Y), image, false, 1, 16).image;
                    for (int p : out.pixels()) {
                        assertEquals(Integer.toHexString(image.pixels()[0]), image.pixels()[0], p);
                    }
                }
            }
        }
    }

    @Test
    public void grayImageThroughLumaPathStaysGray() throws Exception {
        Random random = new Random(6);
        ArgbImage image = new ArgbImage(23, 17);
        for (int i = 0; i < image.pixels().length; i++) {
            int v = random.nextInt(256);
            image.pixels()[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        ArgbImage out = enhance(EnhancerTest::srcnnX2, image, false, 1, 20).image;
        int distinctLevels = 0;
        boolean[] seen = new boolean[256];
        for (int p : out.pixels()) {
            int r = (p >> 16) & 0xff;
            assertEquals(r, (p >> 8) & 0xff);
            assertEquals(r, p & 0xff);
            if (!seen[r]) {
                seen[r] = true;
                distinctLevels++;
            }
        }
        assertTrue("output is not a constant", distinctLevels > 10);
    }

    @Test
    public void alphaSurvivesAndMatchesBicubicUpscale() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(7), 29, 31, true);
        ArgbImage expected = WholeImageReference.enhance(ReferenceModel.freeShape("s", SHUFFLE_X2), image, true);
        FakeImageSink sink = enhance(() -> ReferenceModel.freeShape("s", SHUFFLE_X2), image, true, 2, 20);
        assertTrue(sink.hasAlpha);
        assertArrayEquals(expected.pixels(), sink.image.pixels());

        ArgbImage halfTransparent = new ArgbImage(9, 5);
        for (int i = 0; i < halfTransparent.pixels().length; i++) {
            halfTransparent.pixels()[i] = 0x80000000 | (i * 40503) & 0xffffff;
        }
        for (int p : enhance(EnhancerTest::srcnnX2, halfTransparent, true, 1, 20).image.pixels()) {
            assertEquals(0x80, p >>> 24);
        }
    }

    @Test
    public void progressEndsAtExactlyAllTilesAndNeverGoesBack() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(8), 50, 41, false);
        List<Progress> seen = new ArrayList<>();
        FakeImageSink sink = new FakeImageSink();
        new Enhancer(() -> ReferenceModel.freeShape("s", SHUFFLE_X2), new EnhanceOptions(2, 20))
                .run(new FakeImageSource(image, false), sink, seen::add, new CancellationToken());
        Progress last = seen.get(seen.size() - 1);
        assertEquals(last.tilesTotal(), last.tilesDone());
        assertEquals(1.0, last.fraction(), 0.0);
        assertEquals(0, last.etaMillis());
        assertEquals(last.tilesTotal(), seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i).tilesDone());
        }
    }

    @Test
    public void cancelStopsWithinOneTileAndReleasesEverything() throws Exception {
        int threads = 2;
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        CancellationToken cancel = new CancellationToken();
        ArgbImage image = WholeImageReference.randomImage(new Random(9), 120, 100, false);
        FakeImageSink sink = new FakeImageSink();
        AtomicInteger tilesAtCancel = new AtomicInteger();
        Enhancer enhancer = new Enhancer(
                () -> new CountingModel(ReferenceModel.freeShape("s", SHUFFLE_X2), calls, closes),
                new EnhanceOptions(threads, 20));
        assertThrows(CancellationException.class, () -> enhancer.run(new FakeImageSource(image, false), sink,
                progress -> {
                    if (progress.tilesDone() == 3) {
                        cancel.cancel();
                        tilesAtCancel.set(calls.get());
                    }
                }, cancel));
        // A worker that checked the token just before cancel() may still start its tile; none starts another.
        assertTrue("ran " + calls.get() + " tiles", calls.get() <= tilesAtCancel.get() + threads);
        assertTrue(sink.aborted);
        assertFalse(sink.finished);
        assertEquals(threads, closes.get());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            assertFalse(thread.getName() + " still running", thread.getName().startsWith("clarity-tile-"));
        }
    }

    @Test
    public void failingModelAbortsSinkAndReportsTheCause() {
        FakeImageSink sink = new FakeImageSink();
        ModelFactory failing = () -> new SuperResolutionModel() {
            @Override
            public ModelSpec spec() {
                return ModelSpec.freeShape("broken", 2, ModelSpec.Channels.RGB,
                        io.clarity.engine.model.TensorType.FLOAT32, 1);
            }

            @Override
            public FloatImage upscale(FloatImage tile) {
                return new FloatImage(1, 1, 3);
            }

            @Override
            public void close() {
            }
        };
        ArgbImage image = WholeImageReference.randomImage(new Random(10), 16, 16, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Enhancer(failing,
                EnhanceOptions.defaults()).run(new FakeImageSource(image, false), sink, ProgressListener.NONE,
                new CancellationToken()));
        assertTrue(e.getMessage(), e.getMessage().contains("1x1x3"));
        assertTrue(sink.aborted);
    }

    @Test
    public void modelCreationFailureIsReportedAndTheSinkNeverStarts() {
        FakeImageSink sink = new FakeImageSink();
        ArgbImage image = WholeImageReference.randomImage(new Random(11), 4, 4, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Enhancer(() -> {
            throw new java.io.IOException("no such model file");
        }, new EnhanceOptions(2, 64)).run(new FakeImageSource(image, false), sink, ProgressListener.NONE,
                new CancellationToken()));
        assertTrue(e.getMessage(), e.getMessage().contains("no such model file"));
        assertEquals(null, sink.image);
        assertTrue(sink.aborted);
    }

    @Test
    public void readsOnlyOneTileRowOfSourceAtATime() throws Exception {
        ArgbImage image = WholeImageReference.randomImage(new Random(12), 64, 300, false);
        FakeImageSource source = new FakeImageSource(image, false);
        new Enhancer(() -> ReferenceModel.freeShape("s", SHUFFLE_X2), new EnhanceOptions(1, 30))
                .run(source, new FakeImageSink(), ProgressListener.NONE, new CancellationToken());
        assertTrue("read " + source.maxRowsRead + " rows at once", source.maxRowsRead <= 30);
    }
}
