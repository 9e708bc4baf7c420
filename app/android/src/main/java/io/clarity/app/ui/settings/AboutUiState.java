package io.clarity.app.ui.settings;

import io.clarity.app.data.LicenceNotices;
import io.clarity.app.data.ModelInfo;
import io.clarity.engine.model.ShippedModels;

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

    /** One shipped model: its catalog entry (the evaluator's numbers) and what its training record says it learnt from. */
    public static final class Model {
        private final ShippedModels.Entry entry;
        private final String trainedOn;

        /** @param trainedOn the training record's {@code data} line; empty when the APK has no record for it */
        public Model(ShippedModels.Entry entry, String trainedOn) {
            this.entry = entry;
            this.trainedOn = trainedOn;
        }

        public ShippedModels.Entry entry() {
            return entry;
        }

        /** Fast for the luma-only models, Detail for the RGB ones, as the options screen names them. */
        public ModelInfo.Kind kind() {
            return entry.channels() == ModelInfo.Kind.FAST.channels() ? ModelInfo.Kind.FAST : ModelInfo.Kind.DETAIL;
        }

        public String trainedOn() {
            return trainedOn;
        }
    }
}
