package io.clarity.models.quant;

import java.util.Arrays;

/**
 * Calibrated value range of the network input and of every layer's output: what int8 post-training
 * quantization turns into per-tensor scales and zero points.
 */
public final class ActivationRanges {
    private final float inputMin;
    private final float inputMax;
    private final float[] min;
    private final float[] max;

    public ActivationRanges(float inputMin, float inputMax, float[] layerMin, float[] layerMax) {
        if (layerMin.length != layerMax.length) {
            throw new IllegalArgumentException("one min and one max per layer");
        }
        this.inputMin = inputMin;
        this.inputMax = inputMax;
        this.min = layerMin.clone();
        this.max = layerMax.clone();
    }

    public int layerCount() {
        return min.length;
    }

    public float inputMin() {
        return inputMin;
    }

    public float inputMax() {
        return inputMax;
    }

    public float min(int layer) {
        return min[layer];
    }

    public float max(int layer) {
        return max[layer];
    }

    @Override
    public String toString() {
        return "ActivationRanges[input " + inputMin + ".." + inputMax + ", min " + Arrays.toString(min)
                + ", max " + Arrays.toString(max) + "]";
    }
}
