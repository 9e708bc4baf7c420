package io.clarity.models.train;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Network;
import io.clarity.models.TestNetworks;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class ArchitecturesTest {
    @Test
    public void aFastNetMovedToAnotherScaleKeepsWhatItsBodyComputes() {
        Network x2 = Architectures.fast(2, 8, 4, 1, 7);
        Network x3 = Architectures.atScale(x2, 3, 7);
        assertEquals(3, x3.scale());
        assertEquals(x2.layers().size(), x3.layers().size());
        for (int i = 0; i < x2.layers().size() - 3; i++) {
            assertSame("layer " + i, x2.layers().get(i), x3.layers().get(i));
        }
        assertTrue(x3.layers().get(x3.layers().size() - 2) instanceof InputSkip);
    }

    @Test
    public void aNetInTheInputCopyLayoutIsFoldedBeforeItMovesToAnotherScale() {
        Network x2 = TestNetworks.inputCopyLayout(new Random(5), 3, 2, 3, 8);
        Network x4 = Architectures.atScale(x2, 4, 7);
        assertEquals(4, x4.scale());
        assertEquals(48, ((InputSkip) x4.layers().get(x4.layers().size() - 2)).projection().outChannels());
        // the body's first conv now reads RGB and computes the features the copies gave it (away from the border)
        FloatImage probe = TrainableNetworkTest.randomImage(9, 7, 3, 5);
        FloatImage before = new Network(3, x2.layers().subList(0, 3)).forward(probe);
        FloatImage after = new Network(3, x4.layers().subList(0, 2)).forward(probe);
        for (int y = 1; y < 6; y++) {
            for (int x = 1; x < 8; x++) {
                for (int c = 0; c < 8; c++) {
                    assertEquals(before.get(x, y, c), after.get(x, y, c), 1e-5f);
                }
            }
        }
    }

    @Test
    public void theShippedFastX4WidenedAndDeepenedComputesWhatItDid() throws IOException {
        Network shipped = WeightsFile.read(Paths.get("models", "fast-x4.clw")).network();
        Network wide = Architectures.fastWidened(shipped, 56, 32, 6, 3);
        assertEquals(Architectures.fast(4, 56, 32, 6, 3).layers().size(), wide.layers().size());
        assertTrue(Architectures.parameterCount(wide) > Architectures.parameterCount(shipped));
        FloatImage probe = TrainableNetworkTest.randomImage(11, 9, 1, 6);
        assertSameOutput(shipped, wide, probe);
    }

    @Test
    public void aWidenedNetsNewChannelsAreLive() {
        Network narrow = Architectures.fast(2, 8, 4, 1, 7);
        Network wide = Architectures.fastWidened(narrow, 12, 6, 2, 7);
        FloatImage probe = TrainableNetworkTest.randomImage(9, 7, 1, 5);
        // layers up to the shrink PReLU: the new shrink channels (4, 5) carry features, not zeros
        float[] shrunk = new Network(1, wide.layers().subList(0, 4)).forward(probe).data();
        assertNotEquals(0f, shrunk[4], 0f);
        assertNotEquals(0f, shrunk[5], 0f);
    }

    @Test
    public void aFastNetCannotBeNarrowed() {
        Network net = Architectures.fast(2, 8, 4, 2, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.fastWidened(net, 8, 4, 1, 7));
        assertTrue(e.getMessage(), e.getMessage().contains("mapping 2"));
    }

    @Test
    public void theShippedRealPhotoX2WidenedAndDeepenedComputesWhatItDid() throws IOException {
        Network shipped = WeightsFile.read(Paths.get("models", "realphoto-x2.clw")).network();
        Network wide = Architectures.compactRgbWidened(shipped, 36, 8, 3);
        assertEquals(Architectures.compactRgb(2, 36, 8, 3).layers().size(), wide.layers().size());
        FloatImage probe = TrainableNetworkTest.randomImage(11, 9, 3, 6);
        assertSameOutput(shipped, wide, probe);
    }

    @Test
    public void aRealPhotoNetCannotBeMadeShallower() {
        Network net = Architectures.compactRgb(2, 8, 3, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.compactRgbWidened(net, 8, 2, 7));
        assertTrue(e.getMessage(), e.getMessage().contains("3 convs"));
    }

    private static void assertSameOutput(Network shipped, Network widened, FloatImage probe) {
        float[] before = shipped.forward(probe).data();
        float[] after = widened.forward(probe).data();
        float maxDiff = 0;
        for (int i = 0; i < before.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
        }
        assertTrue("max |widened - shipped| " + maxDiff, maxDiff <= 1e-5f);
    }
}
