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

    private BlendedModel() {
    }

    /**
     * @param fp16 float16 weight buffers (what the GPU delegate runs) instead of float32
     * @throws IllegalArgumentException when α is outside [0, 1] or the weight sets are of different networks
     */
    public static byte[] write(String id, WeightsFile fidelity, WeightsFile detail, float alpha, boolean fp16) {
        WeightsFile blended = WeightsFile.interpolate(fidelity, detail, alpha);
        ModelDescription description = ModelDescription.describe(id, blended.network(), blended.bicubicPreUpscale());
        return fp16 ? TfliteModelWriter.writeFloat16Weights(blended.network(), description)
                : TfliteModelWriter.writeFloat32(blended.network(), description);
    }
}
