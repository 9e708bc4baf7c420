package io.clarity.models.weights;

import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Network;
import org.junit.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class WeightsFileTest {

    @Test
    public void roundTripKeepsArchitectureAndWeightsExactly() {
        Network net = RandomNetworks.pixelShuffle(new Random(5), 3, 2, 8);
        WeightsFile read = WeightsFile.parse(new WeightsFile(net, 1).toBytes());
        assertEquals(net.layers().size(), read.network().layers().size());
        assertEquals(net.halo(), read.network().halo());
        FloatImage tile = RandomNetworks.randomImage(new Random(6), 11, 9, 3);
        assertArrayEquals(net.forward(tile).data(), read.network().forward(tile).data(), 0f);
    }

    @Test
    public void inputSkipSurvivesRoundTripAndInterpolation() {
        Network a = RandomNetworks.inputSkip(new Random(13), 3, 2, 6);
        Network b = RandomNetworks.inputSkip(new Random(14), 3, 2, 6);
        Network read = WeightsFile.parse(new WeightsFile(a, 1).toBytes()).network();
        FloatImage tile = RandomNetworks.randomImage(new Random(15), 7, 5, 3);
        assertArrayEquals(a.forward(tile).data(), read.forward(tile).data(), 0f);
        float[] sa = ((InputSkip) a.layers().get(3)).projection().weights();
        float[] sb = ((InputSkip) b.layers().get(3)).projection().weights();
        Network mid = WeightsFile.interpolate(new WeightsFile(a, 1), new WeightsFile(b, 1), 0.5f).network();
        float[] sm = ((InputSkip) mid.layers().get(3)).projection().weights();
        for (int i = 0; i < sm.length; i++) {
            assertEquals(0.5f * sa[i] + 0.5f * sb[i], sm[i], 1e-7f);
        }
    }

    @Test
    public void preUpscaleFactorSurvivesRoundTrip() {
        Network srcnn = RandomNetworks.srcnn(new Random(7), 4, 2);
        assertEquals(3, WeightsFile.parse(new WeightsFile(srcnn, 3).toBytes()).bicubicPreUpscale());
    }

    @Test
    public void everyTruncationIsRejectedWithAMessage() {
        byte[] bytes = new WeightsFile(RandomNetworks.pixelShuffle(new Random(8), 1, 2, 4), 1).toBytes();
        for (int n = 0; n < bytes.length; n += 7) {
            try {
                WeightsFile.parse(Arrays.copyOf(bytes, n));
                fail("accepted " + n + " of " + bytes.length + " bytes");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("truncated") || e.getMessage().contains("magic"));
            }
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void trailingBytesAreRejected() {
        byte[] bytes = new WeightsFile(RandomNetworks.srcnn(new Random(9), 2, 2), 2).toBytes();
        WeightsFile.parse(Arrays.copyOf(bytes, bytes.length + 4));
    }

    @Test
    public void interpolationMixesWeightsLinearly() {
        Network a = RandomNetworks.pixelShuffle(new Random(10), 1, 2, 4);
        Network b = RandomNetworks.pixelShuffle(new Random(11), 1, 2, 4);
        Network mid = WeightsFile.interpolate(new WeightsFile(a, 1), new WeightsFile(b, 1), 0.25f).network();
        float[] wa = ((Conv2d) a.layers().get(0)).weights();
        float[] wb = ((Conv2d) b.layers().get(0)).weights();
        float[] wm = ((Conv2d) mid.layers().get(0)).weights();
        for (int i = 0; i < wm.length; i++) {
            assertEquals(0.75f * wa[i] + 0.25f * wb[i], wm[i], 1e-7f);
        }
        FloatImage tile = RandomNetworks.randomImage(new Random(12), 8, 8, 1);
        assertArrayEquals(a.forward(tile).data(),
                WeightsFile.interpolate(new WeightsFile(a, 1), new WeightsFile(b, 1), 0f).network().forward(tile).data(),
                0f);
    }

    @Test(expected = IllegalArgumentException.class)
    public void interpolationRefusesDifferentArchitectures() {
        WeightsFile.interpolate(new WeightsFile(RandomNetworks.pixelShuffle(new Random(1), 1, 2, 4), 1),
                new WeightsFile(RandomNetworks.pixelShuffle(new Random(1), 1, 2, 8), 1), 0.5f);
    }
}
