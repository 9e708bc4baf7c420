package io.clarity.app.work;

import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.IOException;

/** Turns a model id into what the engine calls per worker thread; the app's is TFLite, tests use a fake. */
public interface ModelRuntime {
    /**
     * @param stats receives the backend that ran and the time per tile
     * @throws IOException when no model has that id
     */
    ModelFactory factory(String modelId, RuntimeStats stats) throws IOException;
}
