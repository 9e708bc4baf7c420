package io.clarity.engine.model;

import io.clarity.engine.nn.Network;

import java.util.HashMap;
import java.util.Map;

/**
 * What a runtime must know about a Clarity .tflite beyond its tensors: name, the network's own scale, colour
 * planes, receptive-field halo, and whether the input is first upscaled bicubically (SRCNN works at the output
 * resolution). ml-models' writer stores it as {@code key=value} lines in the model's metadata entry
 * {@value #METADATA_NAME}; the desktop and Android runtimes read it back instead of guessing.
 */
public final class ModelDescription {
    public static final String METADATA_NAME = "clarity.spec";

    private final String name;
    private final int networkScale;
    private final ModelSpec.Channels channels;
    private final int halo;
    private final int bicubicPreUpscale;

    public ModelDescription(String name, int networkScale, ModelSpec.Channels channels, int halo,
                            int bicubicPreUpscale) {
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("model name must be one non-empty line without '=', was '" + name + "'");
        }
        if (networkScale < 1 || halo < 0 || bicubicPreUpscale < 1) {
            throw new IllegalArgumentException("bad model facts: scale " + networkScale + ", halo " + halo
                    + ", pre-upscale " + bicubicPreUpscale);
        }
        this.name = name;
        this.networkScale = networkScale;
        this.channels = channels;
        this.halo = halo;
        this.bicubicPreUpscale = bicubicPreUpscale;
    }

    /** The facts of {@code network}; a 1-channel network is a Y model, a 3-channel one RGB. */
    public static ModelDescription describe(String name, Network network, int bicubicPreUpscale) {
        ModelSpec.Channels channels = null;
        for (ModelSpec.Channels c : ModelSpec.Channels.values()) {
            if (c.count() == network.inputChannels() && c.count() == network.outputChannels()) {
                channels = c;
            }
        }
        if (channels == null) {
            throw new IllegalArgumentException("a model takes and gives 1 (Y) or 3 (RGB) channels; the network takes "
                    + network.inputChannels() + " and gives " + network.outputChannels());
        }
        return new ModelDescription(name, network.scale(), channels, network.halo(), bicubicPreUpscale);
    }

    /** The metadata text, as {@link #parse} reads it. */
    public String format() {
        return "name=" + name + "\nscale=" + networkScale + "\nchannels=" + channels.name() + "\nhalo=" + halo
                + "\nbicubicPreUpscale=" + bicubicPreUpscale + "\n";
    }

    /** Parses the metadata text; a missing or malformed key is an error that names it. */
    public static ModelDescription parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            return new ModelDescription(require(values, "name"), Integer.parseInt(require(values, "scale")),
                    ModelSpec.Channels.valueOf(require(values, "channels")),
                    Integer.parseInt(require(values, "halo")),
                    Integer.parseInt(require(values, "bicubicPreUpscale")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + METADATA_NAME + " metadata: " + e.getMessage(), e);
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

    /** The network's own upscaling (1 for SRCNN). */
    public int networkScale() {
        return networkScale;
    }

    /** What the model does to an image: bicubic pre-upscale times the network's scale. */
    public int totalScale() {
        return networkScale * bicubicPreUpscale;
    }

    public ModelSpec.Channels channels() {
        return channels;
    }

    public int halo() {
        return halo;
    }

    public int bicubicPreUpscale() {
        return bicubicPreUpscale;
    }

    /** The engine's view of the network itself, accepting tiles of any size. */
    public ModelSpec networkSpec(TensorType inputType) {
        return ModelSpec.freeShape(name, networkScale, channels, inputType, halo);
    }

    /** The network itself with one static square input (the GPU delegate's shape), or free when the side is 0. */
    public ModelSpec networkSpec(TensorType inputType, int fixedTileSide) {
        return fixedTileSide > 0
                ? ModelSpec.fixedShape(name, networkScale, channels, inputType, fixedTileSide, fixedTileSide, halo)
                : networkSpec(inputType);
    }

    /** {@code network} as the engine runs it: behind a bicubic pre-upscale when the model asks for one (SRCNN). */
    public SuperResolutionModel wrap(SuperResolutionModel network) {
        return bicubicPreUpscale == 1 ? network : new BicubicPreUpscaledModel(network, bicubicPreUpscale);
    }
}
