package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.models.TestNetworks;
import io.clarity.models.data.SharedData;
import io.clarity.models.eval.Evaluator;
import io.clarity.models.quant.PhotoTiles;
import io.clarity.models.tflite.ExportModel;
import io.clarity.models.weights.WeightsFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

public class FoldInputCopiesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void foldedNetComputesWhatTheInputCopyLayoutComputesAwayFromTheTileBorder() throws Exception {
        List<Path> photos = photos();
        // {channels, scale, first kernel}: Fast x2/x3/x4 (5x5 over 1 channel), real-photo x2/x4 (3x3 over RGB)
        int[][] shapes = {{1, 2, 5}, {1, 3, 5}, {1, 4, 5}, {3, 2, 3}, {3, 4, 3}};
        for (int[] shape : shapes) {
            Network old = TestNetworks.inputCopyLayout(new Random(shape[1]), shape[0], shape[1], shape[2], 12);
            Network folded = FoldInputCopies.fold(old);
            assertTrue(folded.layers().get(folded.layers().size() - 2) instanceof InputSkip);
            assertEquals(old.halo(), folded.halo());
            FloatImage tile = ExportModel.inputTiles(photos, new WeightsFile(old, 1), 5, 1).get(0);
            FloatImage a = old.forward(tile);
            FloatImage b = folded.forward(tile);
            int band = old.halo() * old.scale();
            float inside = 0f;
            float border = 0f;
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    boolean inner = y >= band && x >= band && y < a.height() - band && x < a.width() - band;
                    for (int c = 0; c < a.channels(); c++) {
                        float d = Math.abs(a.get(x, y, c) - b.get(x, y, c));
                        inside = inner ? Math.max(inside, d) : inside;
                        border = inner ? border : Math.max(border, d);
                    }
                }
            }
            System.out.printf("fold of %d-channel x%d: max abs %.2g inside, %.2g in the tile's %d-px border band%n",
                    shape[0], shape[1], inside, border, band);
            assertTrue("x" + shape[1] + " max abs " + inside, inside <= 1e-5f);
        }
    }

    @Test
    public void theEngineGivesTheSamePhotoFromTheFoldedNet() throws Exception {
        // Its tiles carry the halo and it mirrors the image border: the tile border never reaches the output.
        Network old = TestNetworks.inputCopyLayout(new Random(9), 3, 2, 3, 12);
        Network folded = FoldInputCopies.fold(old);
        ArgbImage photo = PhotoTiles.crops(photos(), 90, 1, 1024, 4).get(0);
        Evaluator engine = new Evaluator(new EnhanceOptions(1, 40));
        int[] a = engine.upscale(photo, () -> ReferenceModel.freeShape("old", old)).pixels();
        int[] b = engine.upscale(photo, () -> ReferenceModel.freeShape("folded", folded)).pixels();
        int differing = 0;
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int d = Math.abs(((a[i] >> shift) & 0xff) - ((b[i] >> shift) & 0xff));
                worst = Math.max(worst, d);
                differing += d > 0 ? 1 : 0;
            }
        }
        System.out.printf("engine output, old vs folded: %d of %d channel values differ, by at most %d%n",
                differing, 3 * a.length, worst);
        // float rounding may tip a value sitting on a rounding boundary by one level, nothing more
        assertTrue("worst " + worst, worst <= 1);
        assertTrue(differing + " values differ", differing <= a.length / 1000);
    }

    @Test
    public void foldCutsTheFirstConvToTheInputsChannels() {
        // fast-x2's shape (48-16-4): the 5x5 feature conv read 4 copies of Y, now Y once
        Network old = TestNetworks.inputCopyLayout(new Random(1), 1, 2, 5, 48);
        double before = 1 * 4 + 25 * 4 * 48 + 9 * 48 * 48 + 9 * 48 * 4;
        double after = 1 * 4 + 25 * 1 * 48 + 9 * 48 * 48 + 9 * 48 * 4;
        assertEquals(before / 4, Architectures.macsPerOutputPixel(old), 1e-9);
        assertEquals(after / 4, Architectures.macsPerOutputPixel(FoldInputCopies.fold(old)), 1e-9);
        // and the nets the Trainer makes now are folded from the start: fast-x2's 4321 → 3421 MACs
        assertEquals(3421.0, Architectures.macsPerOutputPixel(Architectures.fast(2, 48, 16, 4, 1)), 1e-9);
        assertFalse(FoldInputCopies.isFoldable(Architectures.fast(2, 48, 16, 4, 1)));
        assertFalse(FoldInputCopies.isFoldable(Architectures.compactRgb(4, 32, 6, 1)));
    }

    @Test
    public void convertWritesTheFoldedWeightsInPlace() throws Exception {
        Network old = TestNetworks.inputCopyLayout(new Random(2), 3, 4, 3, 8);
        Path file = folder.getRoot().toPath().resolve("realphoto-x4.clw");
        new WeightsFile(old, 1).write(file);
        String report = FoldInputCopies.convert(file, file);
        System.out.println(report);
        assertTrue(report, report.contains(String.format(java.util.Locale.ROOT, "%.0f → %.0f MACs",
                Architectures.macsPerOutputPixel(old), Architectures.macsPerOutputPixel(FoldInputCopies.fold(old)))));
        WeightsFile written = WeightsFile.read(file);
        FloatImage probe = RandomNetworks.randomImage(new Random(3), 9, 7, 3);
        assertEquals(0f, TestNetworks.maxAbsDifference(FoldInputCopies.fold(old).forward(probe),
                written.network().forward(probe)), 0f);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> FoldInputCopies.convert(file, file));
        assertTrue(twice.getMessage(), twice.getMessage().contains("nothing to fold: layer 0 is a 3x3 conv 3→8"));
    }

    @Test
    public void aNetWithoutAnInputCopyIsRefusedWithTheReasonAndNothingWritten() throws Exception {
        Path in = folder.getRoot().toPath().resolve("srcnn.clw");
        Path out = folder.getRoot().toPath().resolve("srcnn-folded.clw");
        new WeightsFile(Architectures.srcnn(1), 2).write(in);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FoldInputCopies.convert(in, out));
        assertEquals(in + ": nothing to fold: layer 0 is a 9x9 conv 1→64 with ReLU, not the 1x1 conv without ReLU"
                + " that copies the input", e.getMessage());
        assertFalse(Files.exists(out));
    }

    private static List<Path> photos() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: the fold is checked on a real photo", data.isPresent());
        return PhotoTiles.imagesIn(data.get().resolve("train").resolve("photos")).subList(0, 2);
    }
}
