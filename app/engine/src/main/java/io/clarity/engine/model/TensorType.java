package io.clarity.engine.model;

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

    @Override
    public String toString() {
        return int8 ? "int8(scale=" + scale + ", zp=" + zeroPoint + ")" : "float32";
    }
}
