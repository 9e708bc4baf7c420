package io.clarity.app.ui.settings;

import io.clarity.app.data.LicenceNotices;
import io.clarity.app.data.ModelInfo;

import java.util.Collections;
import java.util.List;

/** The About screen, immutable: the version, the models the app offers with their measured quality and training data, licences. */
public final class AboutUiState {
    private final String version;
    private final List<Model> models;
    private final List<LicenceNotices.Library> libraries;

    public AboutUiState(String version, List<Model> models, List<LicenceNotices.Library> libraries) {
        this.version = version;
        this.models = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(models));
        this.libraries = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(libraries));
    }

    public String version() {
        return version;
    }

    public List<Model> models() {
        return models;
    }

    public List<LicenceNotices.Library> libraries() {
        return libraries;
    }

    public static AboutUiState empty(String version) {
        return new AboutUiState(version, Collections.<Model>emptyList(), Collections.<LicenceNotices.Library>emptyList());
    }

    /**
     * One shipped model, from the catalog (its numbers, measured by the evaluator) and its training record
     * ({@code trainedOn}: its {@code data} line; empty when the APK has no record for it).
     */
    public static final class Model {
        private final String id;
        private final ModelInfo.Kind kind;
        private final int scale;
        private final int parameters;
        private final double set5;
        private final double set14;
        private final double set5Int8;
        private final double set14Int8;
        private final String trainedOn;

        public Model(String id, ModelInfo.Kind kind, int scale, int parameters, double set5, double set14, double set5Int8, double set14Int8, String trainedOn) {
            this.id = id;
            this.kind = kind;
            this.scale = scale;
            this.parameters = parameters;
            this.set5 = set5;
            this.set14 = set14;
            this.set5Int8 = set5Int8;
            this.set14Int8 = set14Int8;
            this.trainedOn = trainedOn;
        }

        public String id() {
            return id;
        }

        public ModelInfo.Kind kind() {
            return kind;
        }

        public int scale() {
            return scale;
        }

        public int parameters() {
            return parameters;
        }

        public double set5() {
            return set5;
        }

        public double set14() {
            return set14;
        }

        public double set5Int8() {
            return set5Int8;
        }

        public double set14Int8() {
            return set14Int8;
        }

        public String trainedOn() {
            return trainedOn;
        }
    }
}
