package io.clarity.app.ui.settings;

import io.clarity.app.data.AppSettings;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.tflite.Processor;

import java.util.List;

/**
 * The settings screen, immutable: what is set, and what there is to choose from on this phone: the scales of the chosen
 * kind's models, and the processors (automatic, GPU, NNAPI on API 27–34 only, CPU).
 */
public final class SettingsUiState {
    private final AppSettings settings;
    private final List<ModelInfo.Kind> kinds;
    private final List<Integer> scales;
    private final List<Processor> processors;

    public SettingsUiState(AppSettings settings, List<ModelInfo.Kind> kinds, List<Integer> scales, List<Processor> processors) {
        this.settings = settings;
        this.kinds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(kinds));
        this.scales = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(scales));
        this.processors = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(processors));
    }

    public AppSettings settings() {
        return settings;
    }

    public List<ModelInfo.Kind> kinds() {
        return kinds;
    }

    public List<Integer> scales() {
        return scales;
    }

    public List<Processor> processors() {
        return processors;
    }
}
