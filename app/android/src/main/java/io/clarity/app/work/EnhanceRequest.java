package io.clarity.app.work;

import android.net.Uri;

import androidx.work.Data;

/**
 * What one job does: which photo, with which model (at which detail strength), into which file. Travels as
 * WorkManager input data.
 */
public final class EnhanceRequest {
    public enum Format {
        JPEG("image/jpeg", ".jpg"),
        PNG("image/png", ".png");

        private final String mimeType;
        private final String extension;

        Format(String mimeType, String extension) {
            this.mimeType = mimeType;
            this.extension = extension;
        }

        public String mimeType() {
            return mimeType;
        }

        public String extension() {
            return extension;
        }
    }

    static final String KEY_INPUT = "input";
    static final String KEY_MODEL = "model";
    static final String KEY_FORMAT = "format";
    static final String KEY_QUALITY = "quality";
    static final String KEY_NAME = "name";
    static final String KEY_DETAIL_STRENGTH = "detailStrength";

    /**
     * The strength of a request written before there was one: 0, the shipped network, which is what such a job
     * was enqueued to run.
     */
    public static final float NO_DETAIL_STRENGTH = 0f;

    private final Uri input;
    private final String modelId;
    private final Format format;
    private final int jpegQuality;
    private final String fileName;
    private final float detailStrength;

    /**
     * @param fileName without extension; the format adds it
     * @param detailStrength α in [0, 1]: how far a blendable model moves from its fidelity weights to its detail
     *                       weights (models that do not blend ignore it)
     */
    public EnhanceRequest(Uri input, String modelId, Format format, int jpegQuality, String fileName,
                          float detailStrength) {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality " + jpegQuality + " is outside 1..100");
        }
        if (fileName.trim().isEmpty() || fileName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("file name '" + fileName + "' is empty or has a '/'");
        }
        if (!(detailStrength >= 0f && detailStrength <= 1f)) {
            throw new IllegalArgumentException("detail strength " + detailStrength + " is outside 0..1");
        }
        this.input = input;
        this.modelId = modelId;
        this.format = format;
        this.jpegQuality = jpegQuality;
        this.fileName = fileName.trim();
        this.detailStrength = detailStrength;
    }

    public Data toData() {
        return new Data.Builder()
                .putString(KEY_INPUT, input.toString())
                .putString(KEY_MODEL, modelId)
                .putString(KEY_FORMAT, format.name())
                .putInt(KEY_QUALITY, jpegQuality)
                .putString(KEY_NAME, fileName)
                .putFloat(KEY_DETAIL_STRENGTH, detailStrength)
                .build();
    }

    /**
     * Reads a request back; missing keys are an IllegalArgumentException naming them, except the detail strength,
     * which requests enqueued by earlier versions lack ({@link #NO_DETAIL_STRENGTH}).
     */
    public static EnhanceRequest fromData(Data data) {
        String input = data.getString(KEY_INPUT);
        String model = data.getString(KEY_MODEL);
        String format = data.getString(KEY_FORMAT);
        String name = data.getString(KEY_NAME);
        if (input == null || model == null || format == null || name == null) {
            throw new IllegalArgumentException("incomplete enhance request: " + data);
        }
        return new EnhanceRequest(Uri.parse(input), model, Format.valueOf(format), data.getInt(KEY_QUALITY, 95), name,
                data.getFloat(KEY_DETAIL_STRENGTH, NO_DETAIL_STRENGTH));
    }

    public Uri input() {
        return input;
    }

    public String modelId() {
        return modelId;
    }

    public Format format() {
        return format;
    }

    public int jpegQuality() {
        return jpegQuality;
    }

    public String fileName() {
        return fileName;
    }

    public float detailStrength() {
        return detailStrength;
    }

    /** The file name with the format's extension. */
    public String displayName() {
        return fileName + format.extension();
    }
}
