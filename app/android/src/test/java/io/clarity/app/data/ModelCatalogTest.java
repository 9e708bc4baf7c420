package io.clarity.app.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.clarity.engine.model.ModelDescription;
import io.clarity.app.TestNetworks;
import io.clarity.app.tflite.FakeModelFiles;
import io.clarity.app.tflite.TfliteMetadata;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Network;
import io.clarity.models.tflite.TfliteModelWriter;
import io.clarity.models.weights.WeightsFile;

import org.junit.Test;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ModelCatalogTest {
    private static ModelInfo model(String id, String channels, int scale) {
        return new ModelInfo(id, ModelDescription.parse("name=" + id + "\nscale=" + scale + "\nchannels=" + channels
                + "\nhalo=4\nbicubicPreUpscale=1\n"));
    }

    @Test
    public void oneModelPerKindAndScalePreferringFp16ThenFp32() {
        List<ModelInfo> chosen = ModelCatalog.choose(Arrays.asList(
                model("esr-x4", "RGB", 4), model("linear-x2-int8", "Y", 2), model("linear-x2", "Y", 2),
                model("linear-x3-int8", "Y", 3), model("linear-x2-fp16", "Y", 2), model("esr-x2", "RGB", 2)));
        List<String> ids = new ArrayList<>();
        for (ModelInfo m : chosen) {
            ids.add(m.id());
        }
        assertEquals(Arrays.asList("linear-x2-fp16", "linear-x3-int8", "esr-x2", "esr-x4"), ids);
    }

    @Test
    public void trainedFastFamilyBeatsSrcnnAndTheLinearBaseline() {
        List<ModelInfo> chosen = ModelCatalog.choose(Arrays.asList(
                model("linear-x2-fp16", "Y", 2), model("srcnn-x2-fp16", "Y", 2), model("fast-x2-int8", "Y", 2),
                model("fast-x2-fp16", "Y", 2), model("linear-x3-fp16", "Y", 3), model("srcnn-x3", "Y", 3)));
        List<String> ids = new ArrayList<>();
        for (ModelInfo m : chosen) {
            ids.add(m.id());
        }
        assertEquals(Arrays.asList("fast-x2-fp16", "srcnn-x3"), ids);
    }

    private static byte[] tflite(String id, Network network) {
        return TfliteModelWriter.writeFloat32(network, ModelDescription.describe(id, network, 1));
    }

    @Test
    public void aModelIsBlendableWhenBothWeightSetsShipBesideIt() {
        Network rgb = TestNetworks.rgbTimes2(1);
        Network y = new Network(1, Arrays.asList(new Conv2d(1, 4, 3, new float[36], new float[4], false),
                new DepthToSpace(2)));
        Network rgbX4 = new Network(3, Arrays.asList(new Conv2d(3, 48, 3, new float[48 * 27], new float[48], false),
                new DepthToSpace(4)));
        byte[] clw = new WeightsFile(rgb, 1).toBytes();
        FakeModelFiles files = new FakeModelFiles()
                .put("fast-x2-fp16.tflite", tflite("fast-x2-fp16", y))
                .put("fast-x2.clw", new WeightsFile(y, 1).toBytes())
                .put("realphoto-x2.tflite", tflite("realphoto-x2", rgb))
                .put("realphoto-x2-fp16.tflite", tflite("realphoto-x2-fp16", rgb))
                .put("realphoto-x2-int8.tflite", tflite("realphoto-x2-int8", rgb))
                .put("realphoto-x2.clw", clw)
                .put("realphoto-x2-detail.clw", clw)
                .put("realphoto-x4-fp16.tflite", tflite("realphoto-x4-fp16", rgbX4))
                .put("realphoto-x4.clw", new WeightsFile(rgbX4, 1).toBytes());
        List<String> ids = new ArrayList<>();
        List<Boolean> blendable = new ArrayList<>();
        for (ModelInfo m : ModelCatalog.list(files)) {
            ids.add(m.id());
            blendable.add(m.blendable());
        }
        assertEquals(Arrays.asList("fast-x2-fp16", "realphoto-x2-fp16", "realphoto-x4-fp16"), ids);
        assertEquals("only realphoto-x2 ships both weight sets", Arrays.asList(false, true, false), blendable);
    }

    /** The models ml-models ships, read with the app's own flatbuffer reader (skipped before any has landed). */
    @Test
    public void everyShippedModelHasASpecTheAppCanRead() throws Exception {
        File dir = new File("").getAbsoluteFile();
        while (dir != null && !new File(dir, "ml-models/models").isDirectory()) {
            dir = dir.getParentFile();
        }
        assumeTrue("no ml-models/models yet", dir != null);
        File[] files = new File(dir, "ml-models/models").listFiles((d, name) -> name.endsWith(".tflite"));
        assumeTrue("no .tflite shipped yet", files != null && files.length > 0);
        Pattern scale = Pattern.compile("-x(\\d)");
        for (File f : files) {
            ModelDescription spec = TfliteMetadata.readSpec(ByteBuffer.wrap(Files.readAllBytes(f.toPath())));
            assertFalse(f.getName(), spec.name().isEmpty());
            Matcher m = scale.matcher(f.getName());
            if (m.find()) {
                assertEquals(f.getName(), Integer.parseInt(m.group(1)), spec.totalScale());
            }
            assertTrue(f.getName(), spec.halo() >= 0);
        }
    }
}
