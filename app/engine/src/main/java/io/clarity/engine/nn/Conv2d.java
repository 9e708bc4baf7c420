package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/**
 * 2-D convolution, stride 1, odd square kernel, TFLite 'SAME' padding (zeros outside the input), bias, and
 * an optional fused ReLU. Weights are in TFLite's OHWI order: {@code w[((o*k + ky)*k + kx)*in + i]}.
 */
public final class Conv2d extends Layer {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final float[] weights;
    private final float[] bias;
    private final boolean fusedRelu;
    /** The same weights as HWIO, so that the inner loop over output channels is contiguous. */
    private final float[] weightsHwio;

    public Conv2d(int inChannels, int outChannels, int kernelSize, float[] weightsOhwi, float[] bias,
                  boolean fusedRelu) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("channels must be > 0: in " + inChannels + ", out " + outChannels);
        }
        if (kernelSize <= 0 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and > 0, was " + kernelSize);
        }
        long expected = (long) outChannels * kernelSize * kernelSize * inChannels;
        if (weightsOhwi.length != expected) {
            throw new IllegalArgumentException("weights hold " + weightsOhwi.length + " values, OHWI "
                    + outChannels + "x" + kernelSize + "x" + kernelSize + "x" + inChannels + " needs " + expected);
        }
        if (bias.length != outChannels) {
            throw new IllegalArgumentException("bias holds " + bias.length + " values, needs " + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.weights = weightsOhwi.clone();
        this.bias = bias.clone();
        this.fusedRelu = fusedRelu;
        int taps = kernelSize * kernelSize;
        this.weightsHwio = new float[weights.length];
        for (int o = 0; o < outChannels; o++) {
            for (int t = 0; t < taps; t++) {
                for (int i = 0; i < inChannels; i++) {
                    weightsHwio[(t * inChannels + i) * outChannels + o] = weights[(o * taps + t) * inChannels + i];
                }
            }
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelSize() {
        return kernelSize;
    }

    /** A copy of the weights, OHWI. */
    public float[] weights() {
        return weights.clone();
    }

    /** A copy of the bias, one per output channel. */
    public float[] bias() {
        return bias.clone();
    }

    public boolean fusedRelu() {
        return fusedRelu;
    }

    /** (k − 1) / 2: how far one output pixel sees, in this layer's own pixels. */
    public int radius() {
        return kernelSize / 2;
    }

    @Override
    FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs) {
        int w = input.width();
        int h = input.height();
        int cin = inChannels;
        int cout = outChannels;
        int k = kernelSize;
        int r = k / 2;
        float[] src = input.data();
        float[] dst = new float[Math.multiplyExact(w * h, cout)];
        float[] acc = new float[cout];
        // Few output channels: dot products over input channels; otherwise axpy over output channels.
        boolean dot = cout < 8;
        for (int y = 0; y < h; y++) {
            int kyStart = Math.max(0, r - y);
            int kyEnd = Math.min(k, h - y + r);
            for (int x = 0; x < w; x++) {
                int kxStart = Math.max(0, r - x);
                int kxEnd = Math.min(k, w - x + r);
                System.arraycopy(bias, 0, acc, 0, cout);
                for (int ky = kyStart; ky < kyEnd; ky++) {
                    int rowBase = (y + ky - r) * w;
                    for (int kx = kxStart; kx < kxEnd; kx++) {
                        int s = (rowBase + x + kx - r) * cin;
                        int tap = ky * k + kx;
                        if (dot) {
                            for (int o = 0; o < cout; o++) {
                                int wo = (o * k * k + tap) * cin;
                                float sum = 0f;
                                for (int i = 0; i < cin; i++) {
                                    sum += src[s + i] * weights[wo + i];
                                }
                                acc[o] += sum;
                            }
                        } else {
                            int wb = tap * cin * cout;
                            for (int i = 0; i < cin; i++) {
                                float v = src[s + i];
                                int wo = wb + i * cout;
                                for (int o = 0; o < cout; o++) {
                                    acc[o] += v * weightsHwio[wo + o];
                                }
                            }
                        }
                    }
                }
                int d = (y * w + x) * cout;
                if (fusedRelu) {
                    for (int o = 0; o < cout; o++) {
                        dst[d + o] = Math.max(acc[o], 0f);
                    }
                } else {
                    System.arraycopy(acc, 0, dst, d, cout);
                }
            }
        }
        return new FloatImage(w, h, cout, dst);
    }
}
