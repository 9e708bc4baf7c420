package io.clarity.app.work;

import android.net.Uri;

import java.io.File;

/**
 * What one job does: which photo, with which model (at which detail strength), into which file. The job ledger
 * keeps it on disk with the photo's durable copy.
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
    private final boolean keepLocation;
    private final boolean keepGainMap;
    private final File durableInput;

    /**
     * @param fileName without extension; the format adds it
     * @param detailStrength α in [0, 1]: how far a blendable model moves from its fidelity weights to its detail
     *                       weights (models that do not blend ignore it)
     */
    public EnhanceRequest(Uri input, String modelId, Format format, int jpegQuality, String fileName,
                          float detailStrength) {
        this(input, modelId, format, jpegQuality, fileName, detailStrength, true, true, null);
    }

    private EnhanceRequest(Uri input, String modelId, Format format, int jpegQuality, String fileName,
                           float detailStrength, boolean keepLocation, boolean keepGainMap, File durableInput) {
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
        this.keepLocation = keepLocation;
        this.keepGainMap = keepGainMap;
        this.durableInput = durableInput;
    }

    /**
     * The same request with what the saved picture carries of the photo's metadata (Settings): its GPS location, and
     * an Ultra HDR gain map. A request made without saying keeps both, as every job did before there were settings.
     */
    public EnhanceRequest withMetadata(boolean keepLocation, boolean keepGainMap) {
        return new EnhanceRequest(input, modelId, format, jpegQuality, fileName, detailStrength, keepLocation,
                keepGainMap, durableInput);
    }

    public boolean keepLocation() {
        return keepLocation;
    }

    public boolean keepGainMap() {
        return keepGainMap;
    }

    /** The same request reading {@code copy}, the photo's copy in app storage, instead of the granted URI. */
    public EnhanceRequest withDurableInput(File copy) {
        return new EnhanceRequest(input, modelId, format, jpegQuality, fileName, detailStrength, keepLocation,
                keepGainMap, copy);
    }

    /** The app-private copy the job reads; null before it is made. */
    public File durableInput() {
        return durableInput;
    }

    /** What the job reads: the durable copy once there is one, else the photo as chosen. */
    public Uri source() {
        return durableInput != null ? Uri.fromFile(durableInput) : input;
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
