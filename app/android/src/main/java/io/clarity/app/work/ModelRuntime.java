package io.clarity.app.work;

import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.IOException;

/** Turns a model id into what the engine calls per worker thread; the app's is TFLite, tests use a fake. */
public interface ModelRuntime {
    /** The photo's cleaning strength s in [0, 1], measured only when a model that cleans asks (a header read and a
     * region decode). */
    interface CleaningStrength {
        float measure() throws IOException;
    }

    /**
     * @param detailStrength α in [0, 1] for a model that blends two weight sets (0: the shipped network);
     *                       models that do not blend ignore it
     * @param cleaning how hard a real-photo model with light and heavy weights cleans (the photo's blind degradation
     *                 estimate, issue #14); other models never measure it
     * @param stats receives the backend that ran and the time per tile
     * @throws ModelUnavailableException when the app carries no model with that id
     * @throws IOException when the model's files cannot be read
     */
    ModelFactory factory(String modelId, float detailStrength, CleaningStrength cleaning, RuntimeStats stats)
            throws IOException;
}
