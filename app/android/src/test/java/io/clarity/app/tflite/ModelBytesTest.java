package io.clarity.app.tflite;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.clarity.app.TestNetworks;
import io.clarity.engine.model.ModelDescription;
import io.clarity.models.tflite.BlendedModel;
import io.clarity.models.weights.WeightsFile;

import org.junit.Test;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;

public class ModelBytesTest {
    private static final String ID = "realphoto-x2-fp16";
    private final WeightsFile fidelity = new WeightsFile(TestNetworks.rgbTimes2(1), 1);
    private final WeightsFile detail = new WeightsFile(TestNetworks.rgbTimes2(2), 1);
    /** What ml-models ships: the fidelity weights exported as fp16. */
    private final byte[] shipped = BlendedModel.write(ID, fidelity, detail, 0f, true);

    private FakeModelFiles folder() {
        return new FakeModelFiles()
                .put(ID + ".tflite", shipped)
                .put("realphoto-x2.clw", fidelity.toBytes())
                .put("realphoto-x2-detail.clw", detail.toBytes());
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    public void zeroStrengthLoadsTheShippedFileOnBothBackends() throws IOException {
        FakeModelFiles files = folder();
        ModelBytes bytes = ModelBytes.of(files, ID, 0f);
        assertFalse(bytes.isBlended());
        assertSame(bytes.shipped(), bytes.forBackend(Backend.GPU));
        assertSame(bytes.shipped(), bytes.forBackend(Backend.CPU));
        assertArrayEquals(shipped, bytesOf(bytes.forBackend(Backend.CPU)));
        assertEquals("no weights read for the shipped network", Collections.singletonList(ID + ".tflite"), files.reads);
    }

    @Test
    public void cleaningStrengthBlendsTheHeavyWeightsWhenTheyShip() throws IOException {
        WeightsFile heavy = new WeightsFile(TestNetworks.rgbTimes2(3), 1);
        FakeModelFiles files = folder().put("realphoto-x2-heavy.clw", heavy.toBytes());
        assertFalse("strength 0, α 0: the shipped light network", ModelBytes.of(files, ID, 0f, 0f).isBlended());
        ModelBytes bytes = ModelBytes.of(files, ID, 0.25f, 0.6f);
        assertTrue(bytes.isBlended());
        assertArrayEquals(BlendedModel.write(ID, fidelity, heavy, detail, 0.6f, 0.25f, true),
                bytesOf(bytes.forBackend(Backend.GPU)));
        assertArrayEquals(BlendedModel.blend(fidelity, heavy, detail, 0.6f, 0.25f).toBytes(), bytes.weights().toBytes());
        assertFalse("without heavy weights the strength is ignored", ModelBytes.of(folder(), ID, 0f, 0.6f).isBlended());
        assertTrue("the job measures the photo for this one", ModelBytes.cleanable(files, ID));
        assertFalse("and not without heavy weights (TfliteRuntime asks first)", ModelBytes.cleanable(folder(), ID));
        assertThrows(IllegalArgumentException.class, () -> ModelBytes.of(files, ID, 0f, 1.5f));
    }

    /**
     * The APK's models folder as the build assembled it (target/app-assets/models): both real-photo models the app
     * offers clean by strength, each from its own light, heavy and detail weights.
     */
    @Test
    public void theShippedRealPhotoModelsBlendTheirLightHeavyAndDetailWeights() throws IOException {
        File dir = new File("target/app-assets/models");
        assumeTrue("the build has not assembled the assets (run through Maven)", dir.isDirectory());
        FakeModelFiles assets = new FakeModelFiles();
        for (String name : dir.list()) {
            assets.put(name, Files.readAllBytes(new File(dir, name).toPath()));
        }
        for (String base : Arrays.asList("realphoto-x2", "realphoto-x4")) {
            String id = base + "-fp16";
            assertTrue(id + " ships heavy weights", ModelBytes.cleanable(assets, id));
            assets.reads.clear();
            byte[] blend = bytesOf(ModelBytes.of(assets, id, 0.5f, 0.5f).forBackend(Backend.CPU));
            assertEquals(Arrays.asList(base + ".clw", base + "-detail.clw", base + "-heavy.clw"), assets.reads);
            WeightsFile light = WeightsFile.parse(assets.read(base + ".clw"));
            WeightsFile heavy = WeightsFile.parse(assets.read(base + "-heavy.clw"));
            WeightsFile detail = WeightsFile.parse(assets.read(base + "-detail.clw"));
            assertArrayEquals(BlendedModel.write(id, light, heavy, detail, 0.5f, 0.5f, false), blend);
            assertFalse(base + ": the heavy weights are their own set", Arrays.equals(
                    BlendedModel.write(id, light, heavy, detail, 0f, 0.5f, false), blend));
        }
    }

    @Test
    public void positiveStrengthLoadsTheBlendFp16OnTheGpuAndFp32OnTheCpu() throws IOException {
        ModelBytes bytes = ModelBytes.of(folder(), ID, 0.35f);
        assertTrue(bytes.isBlended());
        ByteBuffer gpu = bytes.forBackend(Backend.GPU);
        ByteBuffer cpu = bytes.forBackend(Backend.CPU);
        assertArrayEquals(BlendedModel.write(ID, fidelity, detail, 0.35f, true), bytesOf(gpu));
        assertArrayEquals(BlendedModel.write(ID, fidelity, detail, 0.35f, false), bytesOf(cpu));
        assertFalse("a blend is not the shipped fidelity network", Arrays.equals(shipped, bytesOf(gpu)));
        for (ByteBuffer b : Arrays.asList(gpu, cpu)) {
            assertTrue("the interpreter takes direct buffers", b.isDirect());
            assertEquals(ByteOrder.nativeOrder(), b.order());
            assertEquals(0, b.position());
        }
        ModelDescription blended = TfliteMetadata.readSpec(cpu);
        ModelDescription asShipped = TfliteMetadata.readSpec(bytes.shipped());
        assertEquals(asShipped.totalScale(), blended.totalScale());
        assertEquals(asShipped.halo(), blended.halo());
        assertEquals(asShipped.channels(), blended.channels());
    }

    @Test
    public void eachBlendIsBuiltOnceAndSharedByEveryTileThread() throws IOException {
        FakeModelFiles files = folder();
        ModelBytes bytes = ModelBytes.of(files, ID, 1f);
        assertSame(bytes.forBackend(Backend.CPU), bytes.forBackend(Backend.CPU));
        assertSame(bytes.forBackend(Backend.GPU), bytes.forBackend(Backend.GPU));
        assertEquals(Arrays.asList("realphoto-x2.clw", "realphoto-x2-detail.clw"), files.reads);
    }

    @Test
    public void aModelWithoutBothWeightSetsRunsAsShippedAtAnyStrength() throws IOException {
        FakeModelFiles files = new FakeModelFiles().put(ID + ".tflite", shipped).put("realphoto-x2.clw", fidelity.toBytes());
        ModelBytes bytes = ModelBytes.of(files, ID, 0.8f);
        assertFalse(bytes.isBlended());
        assertSame(bytes.shipped(), bytes.forBackend(Backend.GPU));
        assertEquals(ModelBytes.of(files, ID, 0f).gpuCacheToken(512), bytes.gpuCacheToken(512));
    }

    @Test
    public void everyDistinctNetworkHasItsOwnGpuCacheEntry() throws IOException {
        FakeModelFiles files = folder();
        String none = ModelBytes.of(files, ID, 0f).gpuCacheToken(512);
        String a = ModelBytes.of(files, ID, 0.35f).gpuCacheToken(512);
        String b = ModelBytes.of(files, ID, 0.4f).gpuCacheToken(512);
        assertTrue(none, none.startsWith(ID + "-") && none.endsWith("-512"));
        assertEquals(3, new java.util.HashSet<>(Arrays.asList(none, a, b)).size());
        assertEquals(a, ModelBytes.of(files, ID, 0.35f).gpuCacheToken(512));
        assertNotEquals(a, ModelBytes.of(files, ID, 0.35f).gpuCacheToken(256));
        // Strengths whose fp16 networks round to the same bytes may share compiled kernels; others may not.
        ModelBytes c = ModelBytes.of(files, ID, Math.nextUp(0.35f));
        boolean sameBytes = Arrays.equals(bytesOf(ModelBytes.of(files, ID, 0.35f).forBackend(Backend.GPU)),
                bytesOf(c.forBackend(Backend.GPU)));
        assertEquals(sameBytes, a.equals(c.gpuCacheToken(512)));
    }

    @Test
    public void aReplacedModelFileGetsANewGpuCacheEntry() throws IOException {
        String before = ModelBytes.of(folder(), ID, 0f).gpuCacheToken(512);
        byte[] updated = BlendedModel.write(ID, detail, fidelity, 0f, true);
        String after = ModelBytes.of(folder().put(ID + ".tflite", updated), ID, 0f).gpuCacheToken(512);
        assertNotEquals("an app update that changes the weights must not reuse old kernels", before, after);
    }

    @Test
    public void brokenWeightsAreAnIOExceptionNamingTheFile() throws IOException {
        FakeModelFiles files = folder().put("realphoto-x2-detail.clw", new byte[] {1, 2, 3});
        ModelBytes bytes = ModelBytes.of(files, ID, 0.5f);
        IOException e = assertThrows(IOException.class, () -> bytes.forBackend(Backend.CPU));
        assertTrue(e.getMessage(), e.getMessage().contains("realphoto-x2-detail.clw"));
    }

    @Test
    public void strengthOutsideTheUnitRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelBytes.of(folder(), ID, 1.05f));
        assertThrows(IllegalArgumentException.class, () -> ModelBytes.of(folder(), ID, -0.05f));
        assertThrows(IllegalArgumentException.class, () -> ModelBytes.of(folder(), ID, Float.NaN));
    }

    @Test
    public void precisionVariantsShareTheirNetworksWeights() {
        assertEquals("realphoto-x2", ModelBytes.weightsBase("realphoto-x2-fp16"));
        assertEquals("realphoto-x2", ModelBytes.weightsBase("realphoto-x2-int8"));
        assertEquals("realphoto-x2", ModelBytes.weightsBase("realphoto-x2"));
        assertTrue(ModelBytes.blendable("realphoto-x2-int8", Arrays.asList("realphoto-x2.clw", "realphoto-x2-detail.clw")));
        assertFalse(ModelBytes.blendable("realphoto-x2", Collections.singletonList("realphoto-x2.clw")));
        assertFalse(ModelBytes.blendable("realphoto-x4", Arrays.asList("realphoto-x2.clw", "realphoto-x2-detail.clw")));
    }
}
