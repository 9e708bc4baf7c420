package io.clarity.engine.model;

import org.junit.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class ShippedModelsTest {
    private static ShippedModels.Entry entry(String id, int scale, ModelSpec.Channels channels, int macs,
                                             double set5, double set14) {
        return new ShippedModels.Entry(id, id.substring(0, id.indexOf('-')), scale, channels, 100, macs, set5, set14,
                Math.round(set5 * 100 - 10) / 100.0, Math.round(set14 * 100 - 10) / 100.0, EnumSet.of(ShippedModels.ShippedFile.FP32, ShippedModels.ShippedFile.INT8));
    }

    @Test
    public void formatThenParseGivesTheSameList() throws IOException {
        ShippedModels models = new ShippedModels(Arrays.asList(
                entry("fast-x2", 2, ModelSpec.Channels.Y, 4321, 36.75, 32.48),
                new ShippedModels.Entry("realphoto-x2", "realphoto", 2, ModelSpec.Channels.RGB, 62716, 15561, 33.17,
                        30.19, Double.NaN, Double.NaN, EnumSet.of(ShippedModels.ShippedFile.FP32,
                        ShippedModels.ShippedFile.WEIGHTS, ShippedModels.ShippedFile.DETAIL_WEIGHTS))));
        ShippedModels read = ShippedModels.parse(new StringReader(models.format()));
        assertEquals(models.entries(), read.entries());
        assertTrue(read.find("realphoto-x2").get().blendable());
        assertFalse(read.find("fast-x2").get().blendable());
        assertEquals(Arrays.asList("realphoto-x2.tflite", "realphoto-x2.clw", "realphoto-x2-detail.clw"),
                read.find("realphoto-x2").get().fileNames());
    }

    @Test
    public void bestIsTheHighestMeasuredNotTheFamilyName() {
        ShippedModels models = new ShippedModels(Arrays.asList(
                entry("fast-x3", 3, ModelSpec.Channels.Y, 2000, 31.40, 28.30),
                entry("linear-x3", 3, ModelSpec.Channels.Y, 49, 31.46, 28.39),
                entry("srcnn-x3", 3, ModelSpec.Channels.Y, 57184, 31.44, 28.40),
                entry("realphoto-x3", 3, ModelSpec.Channels.RGB, 15000, 30.00, 27.00),
                entry("fast-x2", 2, ModelSpec.Channels.Y, 4321, 36.75, 32.48)));
        assertEquals("linear-x3", models.best(3, ModelSpec.Channels.Y).get().id());
        assertEquals("realphoto-x3", models.best(3, ModelSpec.Channels.RGB).get().id());
        assertEquals("fast-x2", models.best(2, ModelSpec.Channels.Y).get().id());
        assertEquals(Optional.empty(), models.best(4, ModelSpec.Channels.Y));
    }

    @Test
    public void aTieGoesToTheCheaperModel() {
        ShippedModels models = new ShippedModels(Arrays.asList(
                entry("srcnn-x2", 2, ModelSpec.Channels.Y, 57184, 35.00, 31.00),
                entry("linear-x2", 2, ModelSpec.Channels.Y, 49, 35.00, 31.00)));
        assertEquals("linear-x2", models.best(2, ModelSpec.Channels.Y).get().id());
    }

    @Test
    public void withReplacesTheEntryOfTheSameId() {
        ShippedModels models = new ShippedModels(Arrays.asList(entry("fast-x2", 2, ModelSpec.Channels.Y, 1, 36, 32)))
                .with(entry("fast-x2", 2, ModelSpec.Channels.Y, 1, 37, 33));
        assertEquals(1, models.entries().size());
        assertEquals(37, models.entries().get(0).set5(), 0);
    }

    @Test
    public void aMalformedLineIsRefusedWithItsLineNumber() {
        String header = "id\tfamily\tscale\tchannels\tparams\tmacs_per_output_px\tset5\tset14\tset5_int8\tset14_int8\tfiles\tdegraded_set5\tdegraded_set14\tclean_jpeg_set5\tclean_jpeg_set14\n";
        String[][] bad = {
                {header + "fast-x2\tfast\ttwo\tY\t1\t1\t36.0\t32.0\t-\t-\tfp32\t-\t-\t-\t-\n", "line 2"},
                {"# comment\n" + header + "fast-x2\tfast\t2\tY\t1\t1\t36.0\t32.0\t-\t-\tfp32,gif\t-\t-\t-\t-\n", "line 3: unknown file kind 'gif'"},
                {header + "fast-x2\tfast\t2\tY\t1\t1\t36.0\t32.0\t-\t-\tint8\t-\t-\t-\t-\n", "line 2: fast-x2: every model ships its fp32"},
                {header + "fast-x2\tfast\t2\tY\t1\n", "line 2: 5 columns, expected 15"},
                {"id\tscale\n", "line 1: expected the header"},
                {"", "empty"},
        };
        for (String[] c : bad) {
            try {
                ShippedModels.parse(new StringReader(c[0]));
                fail("accepted " + c[0]);
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(c[1]));
            }
        }
    }
}
