package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/**
 * Residual connection from the network input through a 1×1 convolution: adds {@code W·x + b} of the network
 * input x to the current tensor, which has the convolution's output channels and the input's resolution.
 * Initialised to the copy pattern (output channel j reads input channel j mod C: DEPTH_TO_SPACE's channel order),
 * it makes a net that ends in DEPTH_TO_SPACE start as nearest-neighbour upscaling, as the Fast and real-photo
 * families do; training may move it off the pattern, which is why it is a convolution and not a plain copy.
 * Unlike a first layer that copies the input for the body to read, it leaves the body's first convolution
 * reading the C input channels rather than C·scale² copies of them (issue #13: a quarter or less of its MACs).
 */
public final class InputSkip extends Layer {
    private final Conv2d projection;

    /** @param projection a 1×1 convolution without ReLU from the network input's channels */
    public InputSkip(Conv2d projection) {
        if (projection.kernelSize() != 1 || projection.fusedRelu()) {
            throw new IllegalArgumentException("an input skip is a 1x1 convolution without ReLU, not "
                    + projection.kernelSize() + "x" + projection.kernelSize() + (projection.fusedRelu() ? " with ReLU" : ""));
        }
        this.projection = projection;
    }

    /** The skip's {@code W·x + b}: 1×1, no ReLU. */
    public Conv2d projection() {
        return projection;
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        float[] a = input.data();
        float[] b = projection.forward(networkInput, networkInput, outputs).data();
        float[] dst = new float[a.length];
        for (int p = 0; p < a.length; p++) {
            dst[p] = a[p] + b[p];
        }
        return new FloatImage(input.width(), input.height(), input.channels(), dst);
    }
}
