package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/**
 * Pixel shuffle with TFLite's DEPTH_TO_SPACE semantics: input H×W×(b·b·C) becomes (H·b)×(W·b)×C, and
 * output channel c at sub-pixel (dy, dx) comes from input channel {@code (dy*b + dx)*C + c}.
 * (PyTorch's PixelShuffle orders channels as {@code c*b*b + dy*b + dx}; converted weights must be permuted.)
 */
public final class DepthToSpace extends Layer {
    private final int blockSize;

    public DepthToSpace(int blockSize) {
        if (blockSize < 2) {
            throw new IllegalArgumentException("block size must be >= 2, was " + blockSize);
        }
        this.blockSize = blockSize;
    }

    public int blockSize() {
        return blockSize;
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        int b = blockSize;
        int w = input.width();
        int h = input.height();
        int cin = input.channels();
        int c = cin / (b * b);
        int ow = w * b;
        float[] src = input.data();
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = (y * w + x) * cin;
                for (int dy = 0; dy < b; dy++) {
                    int d = ((y * b + dy) * ow + x * b) * c;
                    // The b·C values for one output row segment are contiguous in the input.
                    System.arraycopy(src, s + dy * b * c, dst, d, b * c);
                }
            }
        }
        return new FloatImage(ow, h * b, c, dst);
    }
}
