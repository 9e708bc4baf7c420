package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable feed-forward network: the input channel count and an ordered list of layers. It is the
 * common description behind the pure-Java {@link ReferenceModel}, the .tflite writer and the trainer.
 * The constructor checks that every layer fits the tensor it receives.
 */
public final class Network {
    private final int inputChannels;
    private final List<Layer> layers;
    private final int outputChannels;
    private final int scale;
    private final int halo;
    /** For each layer, whether a later {@link Add} reads its output (so a forward pass must keep it). */
    private final boolean[] keptOutputs;

    public Network(int inputChannels, List<? extends Layer> layers) {
        if (inputChannels <= 0) {
            throw new IllegalArgumentException("input channels must be > 0, was " + inputChannels);
        }
        this.inputChannels = inputChannels;
        this.layers = Collections.unmodifiableList(new ArrayList<Layer>(layers));
        this.keptOutputs = new boolean[layers.size()];
        int[] channelsAfter = new int[layers.size()];
        int[] scaleAfter = new int[layers.size()];
        int channels = inputChannels;
        int currentScale = 1;
        int radiusInInputPixels = 0;
        for (int i = 0; i < this.layers.size(); i++) {
            Layer layer = this.layers.get(i);
            if (layer instanceof Conv2d) {
                Conv2d conv = (Conv2d) layer;
                require(conv.inChannels() == channels, i, "Conv2d expects " + conv.inChannels() + " channels, gets " + channels);
                channels = conv.outChannels();
                // A conv after depth-to-space sees radius r in upscaled pixels: ceil(r / scale) input pixels.
                radiusInInputPixels += (conv.radius() + currentScale - 1) / currentScale;
            } else if (layer instanceof PRelu) {
                PRelu prelu = (PRelu) layer;
                require(prelu.channels() == channels, i, "PRelu has " + prelu.channels() + " alphas for " + channels + " channels");
            } else if (layer instanceof DepthToSpace) {
                int b = ((DepthToSpace) layer).blockSize();
                require(channels % (b * b) == 0, i, "DepthToSpace(" + b + ") needs channels divisible by " + (b * b) + ", gets " + channels);
                channels /= b * b;
                currentScale *= b;
            } else if (layer instanceof Add) {
                int from = ((Add) layer).from();
                require(from < i, i, "Add refers to layer " + from + ", which does not come before it");
                int otherChannels = from == Add.NETWORK_INPUT ? inputChannels : channelsAfter[from];
                int otherScale = from == Add.NETWORK_INPUT ? 1 : scaleAfter[from];
                require(otherChannels == channels && otherScale == currentScale, i,
                        "Add of a " + otherChannels + "-channel x" + otherScale + " tensor to a "
                                + channels + "-channel x" + currentScale + " tensor");
                if (from != Add.NETWORK_INPUT) {
                    keptOutputs[from] = true;
                }
            } else if (layer instanceof InputSkip) {
                Conv2d projection = ((InputSkip) layer).projection();
                require(projection.inChannels() == inputChannels && projection.outChannels() == channels
                        && currentScale == 1, i, "InputSkip of a " + projection.inChannels() + "→"
                        + projection.outChannels() + " projection of the " + inputChannels + "-channel input to a "
                        + channels + "-channel x" + currentScale + " tensor");
            }
            channelsAfter[i] = channels;
            scaleAfter[i] = currentScale;
        }
        this.outputChannels = channels;
        this.scale = currentScale;
        this.halo = radiusInInputPixels;
    }

    private static void require(boolean condition, int layer, String message) {
        if (!condition) {
            throw new IllegalArgumentException("layer " + layer + ": " + message);
        }
    }

    public int inputChannels() {
        return inputChannels;
    }

    public int outputChannels() {
        return outputChannels;
    }

    /** The unmodifiable list of layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Upscaling factor: the product of the depth-to-space block sizes (1 for nets like SRCNN). */
    public int scale() {
        return scale;
    }

    /**
     * Receptive-field radius in input pixels: the sum over convolutions of (k − 1) / 2, divided (rounding up)
     * by the upscaling already done before that convolution. An output pixel depends only on input pixels
     * within this distance, so tiles overlapping by it reproduce a whole-image run exactly.
     */
    public int halo() {
        return halo;
    }

    /** Runs the network on one tensor of any size, with 'SAME' zero padding at its borders. */
    public FloatImage forward(FloatImage input) {
        if (input.channels() != inputChannels) {
            throw new IllegalArgumentException("network takes " + inputChannels + " channels, input has " + input.channels());
        }
        FloatImage[] outputs = new FloatImage[layers.size()];
        FloatImage current = input;
        for (int i = 0; i < layers.size(); i++) {
            current = layers.get(i).forward(current, input, outputs);
            if (keptOutputs[i]) {
                outputs[i] = current;
            }
        }
        return current;
    }
}
