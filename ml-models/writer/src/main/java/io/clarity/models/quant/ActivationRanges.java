package io.clarity.models.quant;

import java.util.Arrays;

/**
 * Calibrated value range of the network input and of every layer's output (what int8 post-training
 * quantization turns into per-tensor scales and zero points), and the per-channel mean of every layer's
 * input (what bias correction needs).
 */
public final class ActivationRanges {
    private final float inputMin;
    private final float inputMax;
    private final float[] min;
    private final float[] max;
    private final float[][] inputMeans;
    private final double[][] patchMoments;

    /**
     * @param patchMoments per layer, the upper triangle of Σ x·xᵀ over its k×k×C input patches (OHWI order)
     *                     for convolutions, null otherwise (or null as a whole: plain rounding)
     */
    public ActivationRanges(float inputMin, float inputMax, float[] layerMin, float[] layerMax,
                            float[][] layerInputMeans, double[][] patchMoments) {
        if (layerMin.length != layerMax.length || layerMin.length != layerInputMeans.length) {
            throw new IllegalArgumentException("one min, one max and one input mean vector per layer");
        }
        this.inputMeans = new float[layerInputMeans.length][];
        for (int i = 0; i < layerInputMeans.length; i++) {
            this.inputMeans[i] = layerInputMeans[i].clone();
        }
        this.patchMoments = patchMoments == null ? new double[layerMin.length][] : patchMoments.clone();
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

    /** Mean of each channel of the tensor layer {@code layer} reads. */
    public float[] inputMeans(int layer) {
        return inputMeans[layer].clone();
    }

    /** Σ x·xᵀ of conv layer {@code layer}'s input patches (upper triangle, n×n), or null when not collected. */
    public double[] patchMoments(int layer) {
        return patchMoments[layer];
    }

    /**
     * These ranges with layers {@code 0 .. layers − 1} narrowed to {@code factor} times their min and max (factor
     * ≤ 1 clips more); the input means and patch moments are the float network's and stay.
     */
    public ActivationRanges narrowed(double factor, int layers) {
        if (!(factor > 0 && factor <= 1) || layers < 0 || layers > min.length) {
            throw new IllegalArgumentException("narrowing by " + factor + " of " + layers + " layers");
        }
        float[] lo = min.clone();
        float[] hi = max.clone();
        for (int i = 0; i < layers; i++) {
            lo[i] = (float) (lo[i] * factor);
            hi[i] = (float) (hi[i] * factor);
        }
        return new ActivationRanges(inputMin, inputMax, lo, hi, inputMeans, patchMoments);
    }

    @Override
    public String toString() {
        return "ActivationRanges[input " + inputMin + ".." + inputMax + ", min " + Arrays.toString(min)
                + ", max " + Arrays.toString(max) + "]";
    }
}
