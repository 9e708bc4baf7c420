package io.clarity.engine.pipeline;

import io.clarity.engine.model.SuperResolutionModel;

/**
 * Creates one model instance per worker thread. It is called on the worker thread that will use the model,
 * because some runtimes (the TFLite GPU delegate) must be created and run on one thread.
 */
@FunctionalInterface
public interface ModelFactory {
    SuperResolutionModel create() throws Exception;
}
