package io.clarity.app.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.ShippedModels;
import io.clarity.app.TestNetworks;
import io.clarity.app.tflite.FakeModelFiles;
import io.clarity.app.tflite.TfliteMetadata;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Network;
import io.clarity.models.tflite.TfliteModelWriter;

import org.junit.Test;

import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ModelCatalogTest {
    private static ShippedModels.Entry entry(String id, int scale, ModelSpec.Channels channels, double set5,
                                             double set14, ShippedModels.ShippedFile... files) {
        return new ShippedModels.Entry(id, id.substring(0, id.indexOf('-')), scale, channels, 100, 1000, set5, set14,
                Double.NaN, Double.NaN, EnumSet.copyOf(Arrays.asList(files)));
    }

    private static final ShippedModels.ShippedFile FP32 = ShippedModels.ShippedFile.FP32;
    private static final ShippedModels.ShippedFile FP16 = ShippedModels.ShippedFile.FP16;
    private static final ShippedModels.ShippedFile INT8 = ShippedModels.ShippedFile.INT8;

    @Test
    public void theBestMeasuredModelPerKindAndScaleIsChosenNotTheFamilyName() {
        ShippedModels catalog = new ShippedModels(Arrays.asList(
                entry("srcnn-x3", 3, ModelSpec.Channels.Y, 31.44, 28.40, FP32, FP16, INT8),
                entry("linear-x3", 3, ModelSpec.Channels.Y, 31.46, 28.39, FP32, INT8),
                entry("fast-x2", 2, ModelSpec.Channels.Y, 36.75, 32.48, FP32, FP16, INT8),
                entry("linear-x2", 2, ModelSpec.Channels.Y, 35.27, 31.49, FP32, FP16, INT8),
                entry("realphoto-x2", 2, ModelSpec.Channels.RGB, 33.17, 30.19, FP32, FP16)));
        List<String> ids = new ArrayList<>();
        for (ShippedModels.Entry e : ModelCatalog.chosen(catalog)) {
            ids.add(ModelCatalog.fileId(e));
        }
        assertEquals("fp16 where it ships, else fp32", Arrays.asList("fast-x2-fp16", "linear-x3", "realphoto-x2-fp16"), ids);
        assertEquals(Arrays.asList("catalog.tsv", "fast-x2-fp16.tflite", "fast-x2-int8.tflite", "fast-x2.training",
                        "linear-x3.tflite", "linear-x3-int8.tflite", "linear-x3.training", "realphoto-x2-fp16.tflite",
                        "realphoto-x2.training"),
                ModelCatalog.filesNeeded(catalog));
    }

    private static byte[] tflite(String id, Network network) {
        return TfliteModelWriter.writeFloat32(network, ModelDescription.describe(id, network, 1));
    }

    @Test
    public void theAppListsTheCatalogsChoicesBlendableWhenBothWeightSetsAreListed() {
        Network rgb = TestNetworks.rgbTimes2(1);
        Network y = new Network(1, Arrays.asList(new Conv2d(1, 4, 3, new float[36], new float[4], false),
                new DepthToSpace(2)));
        Network rgbX4 = new Network(3, Arrays.asList(new Conv2d(3, 48, 3, new float[48 * 27], new float[48], false),
                new DepthToSpace(4)));
        ShippedModels catalog = new ShippedModels(Arrays.asList(
                entry("fast-x2", 2, ModelSpec.Channels.Y, 36.75, 32.48, FP32, FP16),
                entry("realphoto-x2", 2, ModelSpec.Channels.RGB, 33.17, 30.19, FP32, FP16,
                        ShippedModels.ShippedFile.WEIGHTS, ShippedModels.ShippedFile.DETAIL_WEIGHTS),
                entry("realphoto-x4", 4, ModelSpec.Channels.RGB, 28.0, 25.0, FP32, FP16,
                        ShippedModels.ShippedFile.WEIGHTS)));
        FakeModelFiles files = new FakeModelFiles()
                .put(ShippedModels.FILE_NAME, catalog.format().getBytes(StandardCharsets.UTF_8))
                .put("fast-x2-fp16.tflite", tflite("fast-x2-fp16", y))
                .put("realphoto-x2-fp16.tflite", tflite("realphoto-x2-fp16", rgb))
                .put("realphoto-x4-fp16.tflite", tflite("realphoto-x4-fp16", rgbX4));
        List<String> ids = new ArrayList<>();
        List<Boolean> blendable = new ArrayList<>();
        for (ModelInfo m : ModelCatalog.list(files)) {
            ids.add(m.id());
            blendable.add(m.blendable());
        }
        assertEquals(Arrays.asList("fast-x2-fp16", "realphoto-x2-fp16", "realphoto-x4-fp16"), ids);
        assertEquals("only realphoto-x2 ships both weight sets", Arrays.asList(false, true, false), blendable);
    }

    /**
     * The APK's models folder as the build assembled it (target/app-assets/models): the catalog and the files its
     * choices need (and, at most, their weights), and each choice is the best measured model of its kind and scale.
     */
    @Test
    public void theApkCarriesExactlyWhatTheCatalogsChoicesNeed() throws Exception {
        File dir = new File("target/app-assets/models");
        assumeTrue("the build has not assembled the assets (run through Maven)", dir.isDirectory());
        ShippedModels catalog;
        try (Reader r = Files.newBufferedReader(new File(dir, ShippedModels.FILE_NAME).toPath(), StandardCharsets.UTF_8)) {
            catalog = ShippedModels.parse(r);
        }
        TreeSet<String> carried = new TreeSet<>(Arrays.asList(dir.list()));
        assertTrue("missing: " + carried, carried.containsAll(ModelCatalog.filesNeeded(catalog)));
        carried.removeAll(ModelCatalog.filesNeeded(catalog));
        for (ShippedModels.Entry chosen : ModelCatalog.chosen(catalog)) {
            carried.remove(ShippedModels.ShippedFile.WEIGHTS.nameFor(chosen.id())); // a Java fallback may need them
        }
        assertEquals("files of models the app cannot select", new TreeSet<String>(), carried);
        for (ShippedModels.Entry chosen : ModelCatalog.chosen(catalog)) {
            for (ShippedModels.Entry other : catalog.entries()) {
                if (other.scale() == chosen.scale() && other.channels() == chosen.channels()) {
                    assertTrue(chosen.id() + " measures at least " + other.id(),
                            chosen.measuredPsnr() >= other.measuredPsnr());
                }
            }
        }
        assertTrue("a Fast x2 model is on offer", ModelCatalog.chosen(catalog).stream()
                .anyMatch(e -> e.scale() == 2 && e.channels() == ModelSpec.Channels.Y));
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
