package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/** Leaky ReLU with one slope for all channels: {@code x >= 0 ? x : alpha * x}. */
public final class LeakyRelu extends Layer {
    private final float alpha;

    public LeakyRelu(float alpha) {
        if (!Float.isFinite(alpha)) {
            throw new IllegalArgumentException("LeakyReLU alpha must be finite, was " + alpha);
        }
        this.alpha = alpha;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        float[] src = input.data();
        float[] dst = new float[src.length];
        for (int p = 0; p < src.length; p++) {
            float v = src[p];
            dst[p] = v >= 0f ? v : alpha * v;
        }
        return new FloatImage(input.width(), input.height(), input.channels(), dst);
    }
}
