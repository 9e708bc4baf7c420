package io.clarity.app.data;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ModelSpec;

/** One bundled model as the options screen offers it. */
public final class ModelInfo {
    /** What a person chooses between: a quick luma-only network, or the RGB network that restores texture. */
    public enum Kind { FAST, DETAIL }

    private final String id;
    private final ModelDescription spec;

    public ModelInfo(String id, ModelDescription spec) {
        this.id = id;
        this.spec = spec;
    }

    public String id() {
        return id;
    }

    public ModelDescription spec() {
        return spec;
    }

    public int scale() {
        return spec.totalScale();
    }

    public Kind kind() {
        return spec.channels() == ModelSpec.Channels.Y ? Kind.FAST : Kind.DETAIL;
    }
}
