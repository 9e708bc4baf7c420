package io.clarity.app.data;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.model.ModelSpec;

/** One bundled model as the options screen offers it: a choice of {@link ModelCatalog}, its spec read from its file. */
public final class ModelInfo {
    /** What a person chooses between: a quick luma-only network, or the RGB network that restores texture. */
    public enum Kind {
        FAST(ModelSpec.Channels.Y), DETAIL(ModelSpec.Channels.RGB);

        private final ModelSpec.Channels channels;

        Kind(ModelSpec.Channels channels) {
            this.channels = channels;
        }

        /** The planes the models of this kind take, as the catalog lists them. */
        public ModelSpec.Channels channels() {
            return channels;
        }
    }

    /** The kinds among {@code models}, in their order. */
    public static java.util.List<Kind> kindsOf(java.util.List<ModelInfo> models) {
        java.util.List<Kind> kinds = new java.util.ArrayList<>();
        for (ModelInfo m : models) {
            if (!kinds.contains(m.kind())) {
                kinds.add(m.kind());
            }
        }
        return kinds;
    }

    /** The scales {@code models} of {@code kind} come in, in their order. */
    public static java.util.List<Integer> scalesOf(java.util.List<ModelInfo> models, Kind kind) {
        java.util.List<Integer> scales = new java.util.ArrayList<>();
        for (ModelInfo m : models) {
            if (m.kind() == kind && !scales.contains(m.scale())) {
                scales.add(m.scale());
            }
        }
        return scales;
    }

    private final String id;
    private final ModelDescription spec;
    private final boolean blendable;

    /** A model that runs as shipped. */
    public ModelInfo(String id, ModelDescription spec) {
        this(id, spec, false);
    }

    /**
     * @param blendable whether it ships two weight sets to blend at a detail strength ({@code <base>.clw} and
     *                  {@code <base>-detail.clw})
     */
    public ModelInfo(String id, ModelDescription spec, boolean blendable) {
        this.id = id;
        this.spec = spec;
        this.blendable = blendable;
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

    /** Whether a person can set its detail strength (natural ↔ crisp). */
    public boolean blendable() {
        return blendable;
    }

    public Kind kind() {
        return spec.channels() == Kind.FAST.channels() ? Kind.FAST : Kind.DETAIL;
    }
}
