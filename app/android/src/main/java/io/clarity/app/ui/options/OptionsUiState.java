package io.clarity.app.ui.options;

import android.net.Uri;

import io.clarity.app.data.ModelInfo;
import io.clarity.app.platform.RegionDecodableFormats;
import io.clarity.app.work.EnhanceRequest;

import java.util.Collections;
import java.util.List;

/** The options screen, immutable: choices, what they lead to (size, time), and why starting is refused. */
public final class OptionsUiState {
    /** Why a job cannot start; NONE when it can. */
    public enum Refusal { NONE, NO_MODEL, UNREADABLE, UNSUPPORTED_FORMAT, JPEG_TOO_LARGE, TOO_LARGE, FILE_NAME }

    public static final int JPEG_MAX_SIDE = 65535;
    public static final int MAX_OUTPUT_MEGAPIXELS = 400;

    private final List<Uri> photos;
    private final boolean loading;
    private final int inputWidth;
    private final int inputHeight;
    private final List<ModelInfo.Kind> kinds;
    private final ModelInfo.Kind kind;
    private final List<Integer> scales;
    private final int scale;
    private final boolean adjustable;
    private final float detailStrength;
    private final EnhanceRequest.Format format;
    private final int jpegQuality;
    private final String fileName;
    private final long estimateMillis;
    private final Refusal refusal;
    private final RegionDecodableFormats.Format unsupportedFormat;

    public OptionsUiState(List<Uri> photos, boolean loading, int inputWidth, int inputHeight,
                          List<ModelInfo.Kind> kinds, ModelInfo.Kind kind, List<Integer> scales, int scale,
                          boolean adjustable, float detailStrength, EnhanceRequest.Format format, int jpegQuality, String fileName, long estimateMillis,
                          Refusal refusal) {
        this(photos, loading, inputWidth, inputHeight, kinds, kind, scales, scale, adjustable, detailStrength, format,
                jpegQuality, fileName, estimateMillis, refusal, null);
    }

    private OptionsUiState(List<Uri> photos, boolean loading, int inputWidth, int inputHeight,
                           List<ModelInfo.Kind> kinds, ModelInfo.Kind kind, List<Integer> scales, int scale,
                           boolean adjustable, float detailStrength, EnhanceRequest.Format format, int jpegQuality,
                           String fileName, long estimateMillis, Refusal refusal,
                           RegionDecodableFormats.Format unsupportedFormat) {
        this.unsupportedFormat = unsupportedFormat;
        this.photos = Collections.unmodifiableList(photos);
        this.loading = loading;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.kinds = Collections.unmodifiableList(kinds);
        this.kind = kind;
        this.scales = Collections.unmodifiableList(scales);
        this.scale = scale;
        this.adjustable = adjustable;
        this.detailStrength = detailStrength;
        this.format = format;
        this.jpegQuality = jpegQuality;
        this.fileName = fileName;
        this.estimateMillis = estimateMillis;
        this.refusal = refusal;
    }

    public static OptionsUiState empty() {
        return new OptionsUiState(Collections.emptyList(), true, 0, 0, Collections.emptyList(), null,
                Collections.emptyList(), 0, false, OptionsViewModel.DEFAULT_DETAIL_STRENGTH, EnhanceRequest.Format.JPEG, 95, "", -1, Refusal.NONE);
    }

    public List<Uri> getPhotos() {
        return photos;
    }

    /** True while the first photo's size is being read. */
    public boolean isLoading() {
        return loading;
    }

    public int getInputWidth() {
        return inputWidth;
    }

    public int getInputHeight() {
        return inputHeight;
    }

    public int getOutputWidth() {
        return inputWidth * scale;
    }

    public int getOutputHeight() {
        return inputHeight * scale;
    }

    /** The model kinds bundled (Fast, Detail or both). */
    public List<ModelInfo.Kind> getKinds() {
        return kinds;
    }

    public ModelInfo.Kind getKind() {
        return kind;
    }

    /** The scales the chosen kind's models support. */
    public List<Integer> getScales() {
        return scales;
    }

    public int getScale() {
        return scale;
    }

    /** Whether the chosen model has a detail strength to set (it blends two weight sets). */
    public boolean isAdjustable() {
        return adjustable;
    }

    /** α in [0, 1]: 0 natural (the fidelity-trained network), 1 crisp (the detail fine-tune). */
    public float getDetailStrength() {
        return detailStrength;
    }

    public EnhanceRequest.Format getFormat() {
        return format;
    }

    public int getJpegQuality() {
        return jpegQuality;
    }

    public String getFileName() {
        return fileName;
    }

    /** Estimated milliseconds for all photos, from this phone's earlier runs; -1 before the first. */
    public long getEstimateMillis() {
        return estimateMillis;
    }

    public Refusal getRefusal() {
        return refusal;
    }

    /** With {@link Refusal#UNSUPPORTED_FORMAT}: the format of the first photo a job could not decode. */
    public RegionDecodableFormats.Format getUnsupportedFormat() {
        return unsupportedFormat;
    }

    /** This state refusing because a photo is in {@code format}, which the job cannot decode here. */
    OptionsUiState withUnsupportedFormat(RegionDecodableFormats.Format format) {
        return new OptionsUiState(photos, loading, inputWidth, inputHeight, kinds, kind, scales, scale, adjustable,
                detailStrength, this.format, jpegQuality, fileName, estimateMillis, Refusal.UNSUPPORTED_FORMAT, format);
    }

    public boolean getCanStart() {
        return !loading && refusal == Refusal.NONE;
    }
}
