package io.clarity.app.tflite;

import io.clarity.engine.model.SuperResolutionModel;

/** Creates a model on one backend; called on the tile worker thread that will run it. */
@FunctionalInterface
public interface BackendFactory {
    SuperResolutionModel create(Backend backend) throws Exception;
}
