package io.clarity.engine.model;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/** Element type of a model's input tensor: float, or int8 with its affine quantization. */
public final class TensorType {
    public static final TensorType FLOAT32 = new TensorType(false, 1f, 0);

    private final boolean int8;
    private final float scale;
    private final int zeroPoint;

    private TensorType(boolean int8, float scale, int zeroPoint) {
        this.int8 = int8;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
    }

    /** real = scale × (q − zeroPoint). */
    public static TensorType int8(float scale, int zeroPoint) {
        if (!(scale > 0) || zeroPoint < -128 || zeroPoint > 127) {
            throw new IllegalArgumentException("bad int8 quantization: scale " + scale + ", zero point " + zeroPoint);
        }
        return new TensorType(true, scale, zeroPoint);
    }

    public boolean isInt8() {
        return int8;
    }

    public float scale() {
        return scale;
    }

    public int zeroPoint() {
        return zeroPoint;
    }

    /** Writes {@code values} into a tensor buffer of this type: as floats, or quantized and clamped to int8. */
    public void write(float[] values, ByteBuffer tensor) {
        // Through Buffer: ByteBuffer's covariant clear()/rewind() are Java 9+, absent on Android 26.
        ((Buffer) tensor).clear();
        if (int8) {
            for (float v : values) {
                long q = Math.round(v / (double) scale) + zeroPoint;
                tensor.put((byte) Math.max(-128, Math.min(127, q)));
            }
        } else {
            for (float v : values) {
                tensor.putFloat(v);
            }
        }
        ((Buffer) tensor).rewind();
    }

    /** Reads a tensor buffer of this type into {@code values}, dequantizing int8. */
    public void read(ByteBuffer tensor, float[] values) {
        ((Buffer) tensor).rewind();
        if (int8) {
            for (int i = 0; i < values.length; i++) {
                values[i] = scale * (tensor.get() - zeroPoint);
            }
        } else {
            tensor.asFloatBuffer().get(values);
        }
    }

    @Override
    public String toString() {
        return int8 ? "int8(scale=" + scale + ", zp=" + zeroPoint + ")" : "float32";
    }
}
