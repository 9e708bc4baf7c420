package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.RandomNetworks;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;

public class BlendedModelTest {
    private final Network fidelity = RandomNetworks.pixelShuffle(new Random(1), 3, 2, 8);
    private final Network detail = RandomNetworks.pixelShuffle(new Random(2), 3, 2, 8);

    @Test
    public void endpointsAreTheTwoWeightSetsAsWritten() {
        WeightsFile f = new WeightsFile(fidelity, 1);
        WeightsFile d = new WeightsFile(detail, 1);
        assertArrayEquals(TfliteModelWriter.writeFloat32(fidelity, ModelDescription.describe("m", fidelity, 1)),
                BlendedModel.write("m", f, d, 0f, false));
        assertArrayEquals(TfliteModelWriter.writeFloat16Weights(detail, ModelDescription.describe("m", detail, 1)),
                BlendedModel.write("m", f, d, 1f, true));
    }

    @Test
    public void halfwayIsNeitherEndpoint() {
        WeightsFile f = new WeightsFile(fidelity, 1);
        WeightsFile d = new WeightsFile(detail, 1);
        byte[] half = BlendedModel.write("m", f, d, 0.5f, false);
        assertFalse(Arrays.equals(half, BlendedModel.write("m", f, d, 0f, false)));
        assertFalse(Arrays.equals(half, BlendedModel.write("m", f, d, 1f, false)));
    }

    @Test(expected = IllegalArgumentException.class)
    public void strengthOutsideTheUnitRangeIsRefused() {
        BlendedModel.write("m", new WeightsFile(fidelity, 1), new WeightsFile(detail, 1), 1.5f, false);
    }
}
