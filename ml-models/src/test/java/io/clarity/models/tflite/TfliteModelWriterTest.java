package io.clarity.models.tflite;

import io.clarity.engine.nn.RandomNetworks;
import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.TestNetworks;
import org.junit.Test;

import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class TfliteModelWriterTest {

    private static float maxAbsOnTiles(Network network, byte[] model, Network reference) {
        float max = 0f;
        try (TfliteHostModel tflite = new TfliteHostModel(model, 2)) {
            Random random = new Random(7);
            // Two tile shapes on one interpreter: the free H and W must resize.
            int[][] shapes = {{37, 23}, {16, 29}};
            for (int[] s : shapes) {
                FloatImage tile = RandomNetworks.randomImage(random, s[0], s[1], network.inputChannels());
                max = Math.max(max, TestNetworks.maxAbsDifference(reference.forward(tile), tflite.upscale(tile)));
            }
        }
        return max;
    }

    @Test
    public void float32SrcnnMatchesJavaReference() {
        Network net = RandomNetworks.srcnn(new Random(1), 32, 16);
        byte[] model = TfliteModelWriter.writeFloat32(net, ModelDescription.describe("srcnn-test", net, 2));
        float maxAbs = maxAbsOnTiles(net, model, net);
        System.out.println("fp32 SRCNN-shaped 32-16: max abs vs Java reference " + maxAbs);
        assertTrue("max abs " + maxAbs, maxAbs <= 1e-5f);
    }

    @Test
    public void float32PixelShuffleX4MatchesJavaReference() {
        Network net = TestNetworks.pixelShuffle(new Random(2), 3, 4, 16);
        byte[] model = TfliteModelWriter.writeFloat32(net, ModelDescription.describe("shuffle-test", net, 1));
        float maxAbs = maxAbsOnTiles(net, model, net);
        System.out.println("fp32 pixel-shuffle x4: max abs vs Java reference " + maxAbs);
        assertTrue("max abs " + maxAbs, maxAbs <= 1e-5f);
    }

    @Test
    public void inputSkipRunsAsAOneByOneConvOfTheInputAddedBackInFloat32AndFloat16() {
        for (int channels : new int[] {1, 3}) {
            Network net = RandomNetworks.inputSkip(new Random(4), channels, 3, 8);
            ModelDescription metadata = ModelDescription.describe("skip-test", net, 1);
            float fp32 = maxAbsOnTiles(net, TfliteModelWriter.writeFloat32(net, metadata), net);
            float fp16 = maxAbsOnTiles(net, TfliteModelWriter.writeFloat16Weights(net, metadata),
                    ShippedModelsTest.roundedToFloat16(net));
            System.out.printf("input skip x3, %d channel(s): max abs vs Java reference fp32 %.3g, fp16 %.3g%n",
                    channels, fp32, fp16);
            assertTrue("fp32 max abs " + fp32, fp32 <= 1e-5f);
            assertTrue("fp16 max abs " + fp16, fp16 <= 1e-5f);
        }
    }

    @Test
    public void float16WeightsMatchJavaReferenceWithRoundedWeights() {
        Network net = TestNetworks.pixelShuffle(new Random(3), 3, 2, 16);
        byte[] model = TfliteModelWriter.writeFloat16Weights(net, ModelDescription.describe("fp16-test", net, 1));
        float maxAbs = maxAbsOnTiles(net, model, ShippedModelsTest.roundedToFloat16(net));
        System.out.println("fp16 weights pixel-shuffle x2: max abs vs reference with fp16-rounded weights " + maxAbs);
        assertTrue("max abs " + maxAbs, maxAbs <= 1e-5f);
        assertTrue("fp16 weights halve the file", model.length
                < 0.6 * TfliteModelWriter.writeFloat32(net, ModelDescription.describe("fp16-test", net, 1)).length);
    }

    @Test
    public void metadataCarriesScaleChannelsHaloAndPreUpscale() {
        Network net = RandomNetworks.srcnn(new Random(4), 8, 4);
        byte[] model = TfliteModelWriter.writeFloat32(net, ModelDescription.describe("srcnn-x3", net, 3));
        ModelDescription m = TfliteHostModel.readMetadata(model);
        assertEquals("srcnn-x3", m.name());
        assertEquals(1, m.networkScale());
        assertEquals(3, m.totalScale());
        assertEquals(net.halo(), m.halo());
        assertEquals(io.clarity.engine.model.ModelSpec.Channels.Y, m.channels());
    }

    @Test(expected = IllegalArgumentException.class)
    public void bytesWithoutTfliteIdentifierAreRejected() {
        TfliteHostModel.readMetadata("this is not a model at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

}
