package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/** Parametric ReLU with one slope per channel: {@code x >= 0 ? x : alpha[c] * x}. */
public final class PRelu extends Layer {
    private final float[] alpha;

    public PRelu(float[] alpha) {
        if (alpha.length == 0) {
            throw new IllegalArgumentException("PReLU needs one alpha per channel, got none");
        }
        this.alpha = alpha.clone();
    }

    public int channels() {
        return alpha.length;
    }

    /** A copy of the slopes, one per channel. */
    public float[] alpha() {
        return alpha.clone();
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        float[] src = input.data();
        float[] dst = new float[src.length];
        int c = alpha.length;
        for (int p = 0; p < src.length; p += c) {
            for (int i = 0; i < c; i++) {
                float v = src[p + i];
                dst[p + i] = v >= 0f ? v : alpha[i] * v;
            }
        }
        return new FloatImage(input.width(), input.height(), c, dst);
    }
}
