package io.clarity.engine.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.tiling.Tile;
import io.clarity.engine.tiling.TileAssembler;
import io.clarity.engine.tiling.TilePlan;
import io.clarity.engine.tiling.TilePlanner;

import java.util.Random;

import org.junit.Test;

/**
 * Tiled == untiled in fp32: planner + assembler + model over tiles against the model on the whole image
 * (see {@link WholeImageReference}), for real network shapes with random weights.
 */
public class TiledUpscaleTest {
    private static final int[][] SIZES = {{1, 1}, {7, 13}, {257, 129}, {1000, 3}, {20, 30}};

    /** Runs the tiling math on a float image, the way the engine does on 8-bit ones. */
    private static FloatImage tiled(SuperResolutionModel model, FloatImage image, TilePlan plan) throws Exception {
        int s = model.spec().scale();
        int c = image.channels();
        FloatImage out = new FloatImage(image.width() * s, image.height() * s, c);
        for (int row = 0; row < plan.rows(); row++) {
            for (int col = 0; col < plan.columns(); col++) {
                Tile tile = plan.tile(col, row);
                Region in = tile.input();
                FloatImage input = new FloatImage(in.width(), in.height(), c);
                for (int y = 0; y < in.height(); y++) {
                    for (int x = 0; x < in.width(); x++) {
                        for (int ch = 0; ch < c; ch++) {
                            input.set(x, y, ch, image.get(SymmetricBorder.index(in.x() + x, image.width()),
                                    SymmetricBorder.index(in.y() + y, image.height()), ch));
                        }
                    }
                }
                FloatImage up = model.upscale(input);
                Region kept = TileAssembler.keptRegion(tile, s);
                Region dest = TileAssembler.outputRegion(tile, s);
                for (int y = 0; y < kept.height(); y++) {
                    System.arraycopy(up.data(), ((kept.y() + y) * up.width() + kept.x()) * c,
                            out.data(), ((dest.y() + y) * out.width() + dest.x()) * c, kept.width() * c);
                }
            }
        }
        return out;
    }

    private static float maxAbsDiff(FloatImage a, FloatImage b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        float max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    private static void assertTiledEqualsWhole(SuperResolutionModel whole, SuperResolutionModel fixed, int channels,
                                               int freeTile, Random random) throws Exception {
        int halo = whole.spec().halo();
        for (int[] size : SIZES) {
            FloatImage image = RandomNetworks.randomImage(random, size[0], size[1], channels);
            FloatImage expected = WholeImageReference.upscale(whole, image);
            TilePlan free = TilePlanner.planFree(size[0], size[1], freeTile, freeTile, halo);
            TilePlan fixedPlan = TilePlanner.planFixed(size[0], size[1],
                    fixed.spec().fixedTileWidth(), fixed.spec().fixedTileHeight(), halo);
            float freeDiff = maxAbsDiff(expected, tiled(whole, image, free));
            float fixedDiff = maxAbsDiff(expected, tiled(fixed, image, fixedPlan));
            String where = size[0] + "x" + size[1];
            // The acceptance bound is 1e-5; the construction gives bit-identical pixels.
            assertEquals(where + " free tiles", 0f, freeDiff, 0f);
            assertEquals(where + " fixed tiles", 0f, fixedDiff, 0f);
        }
    }

    @Test
    public void haloSmallerThanReceptiveFieldShowsSeams() throws Exception {
        Network net = RandomNetworks.pixelShuffle(new Random(31), 3, 4, 4);
        ReferenceModel model = ReferenceModel.freeShape("shuffle", net);
        FloatImage image = RandomNetworks.randomImage(new Random(32), 40, 40, 3);
        TilePlan plan = TilePlanner.planFree(40, 40, 20, 20, net.halo() - 1);
        assertTrue(maxAbsDiff(WholeImageReference.upscale(model, image), tiled(model, image, plan)) > 1e-3f);
    }

    @Test
    public void tiledPixelShuffleX4EqualsWholeImage() throws Exception {
        Network net = RandomNetworks.pixelShuffle(new Random(11), 3, 4, 4);
        assertTiledEqualsWhole(ReferenceModel.freeShape("shuffle", net),
                ReferenceModel.fixedShape("shuffle", net, 32, 24), 3, 19, new Random(12));
    }

    @Test
    public void tiledSrcnnX3EqualsWholeImage() throws Exception {
        Network net = RandomNetworks.srcnn(new Random(21), 4, 2);
        SuperResolutionModel whole = new BicubicPreUpscaledModel(ReferenceModel.freeShape("srcnn", net), 3);
        SuperResolutionModel fixed = new BicubicPreUpscaledModel(ReferenceModel.fixedShape("srcnn", net, 72, 48), 3);
        assertTiledEqualsWhole(whole, fixed, 1, 26, new Random(22));
    }
}
