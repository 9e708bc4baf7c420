package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/**
 * Residual connection: adds the output of an earlier layer, or the network input, to the current tensor.
 * Both must have the same shape.
 */
public final class Add extends Layer {
    /** {@link #from()} value that names the network input rather than a layer. */
    public static final int NETWORK_INPUT = -1;

    private final int from;

    /** @param from index of the earlier layer whose output is added, or {@link #NETWORK_INPUT} */
    public Add(int from) {
        if (from < NETWORK_INPUT) {
            throw new IllegalArgumentException("Add refers to layer " + from + "; use a layer index or NETWORK_INPUT");
        }
        this.from = from;
    }

    /** Index of the layer whose output is added, or {@link #NETWORK_INPUT}. */
    public int from() {
        return from;
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        FloatImage other = from == NETWORK_INPUT ? networkInput : outputs[from];
        float[] a = input.data();
        float[] b = other.data();
        float[] dst = new float[a.length];
        for (int p = 0; p < a.length; p++) {
            dst[p] = a[p] + b[p];
        }
        return new FloatImage(input.width(), input.height(), input.channels(), dst);
    }
}
