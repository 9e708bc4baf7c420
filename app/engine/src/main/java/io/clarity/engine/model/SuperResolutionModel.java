package io.clarity.engine.model;

import io.clarity.engine.image.FloatImage;

/**
 * What a runtime (TFLite on Android, TFLite on the desktop, the pure-Java reference) implements.
 * One instance serves one thread: the engine creates one per worker.
 */
public interface SuperResolutionModel extends AutoCloseable {

    ModelSpec spec();

    /**
     * Upscales one tile. The input has {@link ModelSpec#channels()} channels in [0, 1], halo included, and is
     * exactly the fixed shape if the model has one; the output is {@code scale} times wider and taller with
     * the same channels, not clamped (the engine crops the halo and rounds). The engine always passes
     * floats: an int8 runtime quantizes with {@link ModelSpec#inputType()} itself.
     */
    FloatImage upscale(FloatImage tile) throws Exception;

    @Override
    void close();
}
