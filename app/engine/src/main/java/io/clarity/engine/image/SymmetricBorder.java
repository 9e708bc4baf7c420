package io.clarity.engine.image;

/**
 * How the engine extends an image past its border: mirrored with the edge pixel repeated (MATLAB's and
 * numpy's 'symmetric'; index −1 reads 0, index n reads n − 1), periodically, so any index is defined and a
 * 1-pixel image extends to a constant. It is the boundary rule of MATLAB's imresize, so bicubic pre-upscaling
 * a padded tile reproduces imresize on the whole image.
 */
public final class SymmetricBorder {
    private SymmetricBorder() {
    }

    /** Maps any index into [0, length). */
    public static int index(int i, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, was " + length);
        }
        int period = 2 * length;
        int m = i % period;
        if (m < 0) {
            m += period;
        }
        return m < length ? m : period - 1 - m;
    }
}
