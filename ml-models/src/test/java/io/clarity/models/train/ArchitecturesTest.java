package io.clarity.models.train;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

public class ArchitecturesTest {
    @Test
    public void aFastNetMovedToAnotherScaleKeepsWhatItsBodyComputes() {
        Network x2 = Architectures.fast(2, 8, 4, 1, 7);
        Network x3 = Architectures.fastAtScale(x2, 3, 7);
        assertEquals(3, x3.scale());
        assertEquals(x2.layers().size(), x3.layers().size());
        for (int i = 2; i < x2.layers().size() - 3; i++) {
            assertSame("layer " + i, x2.layers().get(i), x3.layers().get(i));
        }
        // copy + feature conv: 4 copies of Y in, 9 copies in, the same features out
        FloatImage probe = TrainableNetworkTest.randomImage(9, 7, 1, 5);
        float[] before = new Network(1, x2.layers().subList(0, 3)).forward(probe).data();
        float[] after = new Network(1, x3.layers().subList(0, 3)).forward(probe).data();
        assertArrayEquals(before, after, 1e-5f);
    }
}
