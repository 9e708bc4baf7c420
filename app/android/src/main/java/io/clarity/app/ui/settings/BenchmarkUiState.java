package io.clarity.app.ui.settings;

import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.BenchmarkResult;

import java.util.List;
import java.util.Map;

/**
 * The benchmark screen, immutable: the stored result (or the one coming in), progress while it runs, the selectable
 * models in the options screen's order, and per model id the backend Automatic picks from the result.
 */
public final class BenchmarkUiState {
    private final boolean running;
    private final int done;
    private final int total;
    private final List<Model> models;
    private final BenchmarkResult result;
    private final Map<String, Backend> automatic;

    public BenchmarkUiState(boolean running, int done, int total, List<Model> models, BenchmarkResult result, Map<String, Backend> automatic) {
        this.running = running;
        this.done = done;
        this.total = total;
        this.models = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(models));
        this.result = result;
        this.automatic = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(automatic));
    }

    public boolean running() {
        return running;
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }

    public List<Model> models() {
        return models;
    }

    public BenchmarkResult result() {
        return result;
    }

    public Map<String, Backend> automatic() {
        return automatic;
    }

    /** One selectable model as the screen names it. */
    public static final class Model {
        private final String id;
        private final io.clarity.app.data.ModelInfo.Kind kind;
        private final int scale;

        public Model(String id, io.clarity.app.data.ModelInfo.Kind kind, int scale) {
            this.id = id;
            this.kind = kind;
            this.scale = scale;
        }

        public String id() {
            return id;
        }

        public io.clarity.app.data.ModelInfo.Kind kind() {
            return kind;
        }

        public int scale() {
            return scale;
        }
    }
}
