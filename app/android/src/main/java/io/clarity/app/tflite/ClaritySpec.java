package io.clarity.app.tflite;

import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code clarity.spec} metadata entry that ml-models' writer puts into every shipped .tflite: name, the
 * network's own scale, colour planes, halo and bicubic pre-upscale, as {@code key=value} lines.
 */
public final class ClaritySpec {
    public static final String METADATA_NAME = "clarity.spec";

    private final String name;
    private final int networkScale;
    private final ModelSpec.Channels channels;
    private final int halo;
    private final int bicubicPreUpscale;

    public ClaritySpec(String name, int networkScale, ModelSpec.Channels channels, int halo, int bicubicPreUpscale) {
        if (name.isEmpty() || networkScale < 1 || halo < 0 || bicubicPreUpscale < 1) {
            throw new IllegalArgumentException("bad model facts: name '" + name + "', scale " + networkScale
                    + ", halo " + halo + ", pre-upscale " + bicubicPreUpscale);
        }
        this.name = name;
        this.networkScale = networkScale;
        this.channels = channels;
        this.halo = halo;
        this.bicubicPreUpscale = bicubicPreUpscale;
    }

    /** Parses the metadata text; a missing or malformed key is an error that names it. */
    public static ClaritySpec parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            return new ClaritySpec(require(values, "name"), Integer.parseInt(require(values, "scale")),
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

    public int networkScale() {
        return networkScale;
    }

    /** What the model does to a photo: bicubic pre-upscale times the network's own scale. */
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

    /** The network itself as the engine sees it, free or fixed shape. */
    public ModelSpec networkSpec(TensorType inputType, int fixedTileSide) {
        return fixedTileSide > 0
                ? ModelSpec.fixedShape(name, networkScale, channels, inputType, fixedTileSide, fixedTileSide, halo)
                : ModelSpec.freeShape(name, networkScale, channels, inputType, halo);
    }

    /** The network as the engine runs it: behind a bicubic pre-upscale when the model asks for one (SRCNN). */
    public SuperResolutionModel wrap(SuperResolutionModel network) {
        return bicubicPreUpscale == 1 ? network : new BicubicPreUpscaledModel(network, bicubicPreUpscale);
    }
}
