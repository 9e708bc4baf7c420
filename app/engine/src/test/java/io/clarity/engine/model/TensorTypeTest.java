package io.clarity.engine.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

public class TensorTypeTest {
    @Test
    public void float32RoundTripsExactly() {
        float[] values = {0f, 0.25f, 1f, -3.5f};
        ByteBuffer tensor = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        TensorType.FLOAT32.write(values, tensor);
        float[] back = new float[4];
        TensorType.FLOAT32.read(tensor, back);
        assertArrayEquals(values, back, 0f);
    }

    @Test
    public void int8QuantizesRoundsAndClamps() {
        TensorType t = TensorType.int8(1f / 255, -128);
        ByteBuffer tensor = ByteBuffer.allocate(4);
        t.write(new float[] {0f, 0.6f, 1f, 2f}, tensor);
        assertEquals(-128, tensor.get(0));
        assertEquals(25, tensor.get(1));  // 0.6 × 255 = 153, minus the zero point 128
        assertEquals(127, tensor.get(2));
        assertEquals(127, tensor.get(3)); // 2.0 is out of range: clamped, not wrapped
        float[] back = new float[4];
        t.read(tensor, back);
        assertEquals(0f, back[0], 0f);
        assertEquals(1f, back[2], 1e-6f);
    }
}
