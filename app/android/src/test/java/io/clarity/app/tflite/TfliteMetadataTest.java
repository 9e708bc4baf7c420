package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.TensorType;

import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

public class TfliteMetadataTest {
    private static final String SRCNN = "name=srcnn-x2\nscale=1\nchannels=Y\nhalo=6\nbicubicPreUpscale=2\n";

    @Test
    public void readsTheClaritySpecAmongOtherEntries() {
        byte[] model = new FlatModelBytes().entry("min_runtime_version", "1.5.0").entry("clarity.spec", SRCNN).build();
        ModelDescription spec = TfliteMetadata.readSpec(ByteBuffer.wrap(model));
        assertEquals("srcnn-x2", spec.name());
        assertEquals(ModelSpec.Channels.Y, spec.channels());
        assertEquals(1, spec.networkScale());
        assertEquals(2, spec.totalScale());
        assertEquals(6, spec.halo());
        assertArrayEquals("1.5.0".getBytes(StandardCharsets.UTF_8),
                TfliteMetadata.read(ByteBuffer.wrap(model), "min_runtime_version"));
    }

    @Test
    public void absentEntryIsNullAndAbsentSpecIsAClearError() {
        byte[] model = new FlatModelBytes().entry("min_runtime_version", "1.5.0").build();
        assertNull(TfliteMetadata.read(ByteBuffer.wrap(model), "clarity.spec"));
        try {
            TfliteMetadata.readSpec(ByteBuffer.wrap(model));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not a model written by Clarity"));
        }
    }

    @Test
    public void rejectsFilesThatAreNotTflite() {
        try {
            TfliteMetadata.read(ByteBuffer.wrap("PK\3\4 not a model at all".getBytes(StandardCharsets.US_ASCII)), "x");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("TFL3"));
        }
    }

    @Test
    public void truncatedFileIsAnIllegalArgumentNotACrash() {
        byte[] model = new FlatModelBytes().entry("clarity.spec", SRCNN).build();
        try {
            TfliteMetadata.read(ByteBuffer.wrap(Arrays.copyOf(model, 40)), "clarity.spec");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("corrupt"));
        }
    }

    @Test
    public void missingKeyIsNamed() {
        try {
            ModelDescription.parse("name=x\nscale=2\nchannels=RGB\nbicubicPreUpscale=1\n");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'halo'"));
        }
    }

    @Test
    public void fixedTileSpecKeepsTheNetworkScale() {
        ModelDescription spec = ModelDescription.parse("name=esr\nscale=4\nchannels=RGB\nhalo=10\nbicubicPreUpscale=1\n");
        ModelSpec gpu = spec.networkSpec(TensorType.FLOAT32, 192);
        assertTrue(gpu.hasFixedTileShape());
        assertEquals(192, gpu.fixedTileWidth());
        assertEquals(4, gpu.scale());
        assertEquals(10, gpu.halo());
    }
}
