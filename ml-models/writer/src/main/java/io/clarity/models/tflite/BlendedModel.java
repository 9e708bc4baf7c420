package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.models.weights.WeightsFile;

/**
 * A real-photo network at detail strength α: θ = (1 − α)·θ_fidelity + α·θ_detail, written as a .tflite. The two
 * weight sets ship as {@code <id>.clw} (fidelity, L1-trained) and {@code <id>-detail.clw} (the adversarial
 * fine-tune of it); blending and writing take milliseconds, so the phone builds the network for whatever
 * strength a person picks instead of shipping one file per strength.
 */
public final class BlendedModel {
    /** File-name suffix of the detail weights beside {@code <id>.clw}. */
    public static final String DETAIL_SUFFIX = "-detail";
    /**
     * File-name suffix of the heavy fidelity weights beside {@code <id>.clw} (the light ones): a model with both
     * cleans as hard as a cleaning strength s asks, θ_fidelity(s) = (1 − s)·θ_light + s·θ_heavy, the way
     * Real-ESRGAN's general model interpolates its denoise strength between two weight sets (issue #14).
     */
    public static final String HEAVY_SUFFIX = "-heavy";

    private BlendedModel() {
    }

    /**
     * @param fp16 float16 weight buffers (what the GPU delegate runs) instead of float32
     * @throws IllegalArgumentException when α is outside [0, 1] or the weight sets are of different networks
     */
    public static byte[] write(String id, WeightsFile fidelity, WeightsFile detail, float alpha, boolean fp16) {
        return write(id, WeightsFile.interpolate(fidelity, detail, alpha), fp16);
    }

    /**
     * θ(s, α) = (1 − α)·((1 − s)·θ_light + s·θ_heavy) + α·θ_detail.
     *
     * @param heavy null for a model with one fidelity weight set (the strength is then ignored)
     * @throws IllegalArgumentException when s or α is outside [0, 1] or the weight sets are of different networks
     */
    public static WeightsFile blend(WeightsFile light, WeightsFile heavy, WeightsFile detail, float strength,
                                    float alpha) {
        if (!(strength >= 0f && strength <= 1f)) {
            throw new IllegalArgumentException("cleaning strength " + strength + " is outside 0..1");
        }
        WeightsFile fidelity = heavy == null ? light : WeightsFile.interpolate(light, heavy, strength);
        return WeightsFile.interpolate(fidelity, detail, alpha);
    }

    /** {@link #blend} written as a .tflite. */
    public static byte[] write(String id, WeightsFile light, WeightsFile heavy, WeightsFile detail, float strength,
                               float alpha, boolean fp16) {
        return write(id, blend(light, heavy, detail, strength, alpha), fp16);
    }

    private static byte[] write(String id, WeightsFile blended, boolean fp16) {
        ModelDescription description = ModelDescription.describe(id, blended.network(), blended.bicubicPreUpscale());
        return fp16 ? TfliteModelWriter.writeFloat16Weights(blended.network(), description)
                : TfliteModelWriter.writeFloat32(blended.network(), description);
    }
}
