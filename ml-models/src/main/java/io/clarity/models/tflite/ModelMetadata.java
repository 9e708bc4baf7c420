package io.clarity.models.tflite;

import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.TensorType;
import io.clarity.engine.nn.Network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a runtime must know about a Clarity .tflite beyond its tensors: name, scale, colour planes and the
 * receptive-field halo. Stored as {@code key=value} lines in the model's metadata entry {@value #NAME}.
 */
public final class ModelMetadata {
    public static final String NAME = "clarity.spec";

    private final String name;
    private final int scale;
    private final ModelSpec.Channels channels;
    private final int halo;

    public ModelMetadata(String name, int scale, ModelSpec.Channels channels, int halo) {
        this.name = name;
        this.scale = scale;
        this.channels = channels;
        this.halo = halo;
    }

    static String format(String name, Network network, ModelSpec.Channels channels) {
        if (name.indexOf('\n') >= 0 || name.isEmpty()) {
            throw new IllegalArgumentException("model name must be one non-empty line, was '" + name + "'");
        }
        return "name=" + name + "\nscale=" + network.scale() + "\nchannels=" + channels.name()
                + "\nhalo=" + network.halo() + "\n";
    }

    /** Parses the metadata text; a missing or malformed key is an error naming it. */
    public static ModelMetadata parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            return new ModelMetadata(require(values, "name"), Integer.parseInt(require(values, "scale")),
                    ModelSpec.Channels.valueOf(require(values, "channels")),
                    Integer.parseInt(require(values, "halo")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + NAME + " metadata: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "'");
        }
        return v;
    }

    public String name() {
        return name;
    }

    public int scale() {
        return scale;
    }

    public ModelSpec.Channels channels() {
        return channels;
    }

    public int halo() {
        return halo;
    }

    /** The engine's view: free tile shape, with the given input element type. */
    public ModelSpec toSpec(TensorType inputType) {
        return ModelSpec.freeShape(name, scale, channels, inputType, halo);
    }
}
