package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;

/**
 * One operation of a {@link Network}. The set of operations is closed (the constructor is package-private):
 * {@link Conv2d}, {@link PRelu}, {@link LeakyRelu}, {@link Add}, {@link InputSkip} and {@link DepthToSpace}, the ops
 * our models use and the .tflite writer knows. Layers are immutable.
 */
public abstract class Layer {
    Layer() {
    }

    /**
     * Computes this layer's output.
     *
     * @param input        the previous layer's output (the network input for the first layer)
     * @param networkInput the network's input
     * @param outputs      outputs of earlier layers by index; only those an {@link Add} refers to are kept
     */
    abstract FloatImage forward(FloatImage input, FloatImage networkInput, FloatImage[] outputs);
}
