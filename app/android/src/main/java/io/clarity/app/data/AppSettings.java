package io.clarity.app.data;

import io.clarity.app.tflite.Processor;
import io.clarity.app.work.EnhanceRequest;

/**
 * What a person set in Settings, immutable: the options screen's defaults, what saved and shared copies carry, and
 * the processor jobs run on. {@link SettingsStore} keeps it.
 */
public final class AppSettings {
    /**
     * Location stays in the picture saved on the phone (it is the person's own photo, as the camera wrote it) and is
     * left out of copies shared with other apps, which could publish it.
     */
    public static final AppSettings DEFAULTS = new AppSettings(ModelInfo.Kind.FAST, 2, EnhanceRequest.Format.JPEG, 95,
            true, false, true, Processor.AUTOMATIC);

    private final ModelInfo.Kind kind;
    private final int scale;
    private final EnhanceRequest.Format format;
    private final int jpegQuality;
    private final boolean locationInSaved;
    private final boolean locationInShared;
    private final boolean keepGainMap;
    private final Processor processor;

    public AppSettings(ModelInfo.Kind kind, int scale, EnhanceRequest.Format format, int jpegQuality,
                       boolean locationInSaved, boolean locationInShared, boolean keepGainMap, Processor processor) {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality " + jpegQuality + " is outside 1..100");
        }
        this.kind = kind;
        this.scale = scale;
        this.format = format;
        this.jpegQuality = jpegQuality;
        this.locationInSaved = locationInSaved;
        this.locationInShared = locationInShared;
        this.keepGainMap = keepGainMap;
        this.processor = processor;
    }

    public ModelInfo.Kind kind() {
        return kind;
    }

    public int scale() {
        return scale;
    }

    public EnhanceRequest.Format format() {
        return format;
    }

    public int jpegQuality() {
        return jpegQuality;
    }

    /** Whether the picture a job saves keeps the photo's GPS location. */
    public boolean locationInSaved() {
        return locationInSaved;
    }

    /** Whether a copy shared with another app keeps the location. */
    public boolean locationInShared() {
        return locationInShared;
    }

    /** Whether an Ultra HDR photo's gain map is carried (false: plain SDR JPEGs). */
    public boolean keepGainMap() {
        return keepGainMap;
    }

    public Processor processor() {
        return processor;
    }

    public AppSettings withKind(ModelInfo.Kind kind) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keepGainMap, processor);
    }

    public AppSettings withScale(int scale) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keepGainMap, processor);
    }

    public AppSettings withFormat(EnhanceRequest.Format format) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keepGainMap, processor);
    }

    public AppSettings withJpegQuality(int quality) {
        return new AppSettings(kind, scale, format, quality, locationInSaved, locationInShared, keepGainMap, processor);
    }

    public AppSettings withLocationInSaved(boolean keep) {
        return new AppSettings(kind, scale, format, jpegQuality, keep, locationInShared, keepGainMap, processor);
    }

    public AppSettings withLocationInShared(boolean keep) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, keep, keepGainMap, processor);
    }

    public AppSettings withGainMap(boolean keep) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keep, processor);
    }

    public AppSettings withProcessor(Processor processor) {
        return new AppSettings(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keepGainMap, processor);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AppSettings)) {
            return false;
        }
        AppSettings s = (AppSettings) o;
        return kind == s.kind && scale == s.scale && format == s.format && jpegQuality == s.jpegQuality
                && locationInSaved == s.locationInSaved && locationInShared == s.locationInShared
                && keepGainMap == s.keepGainMap && processor == s.processor;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, scale, format, jpegQuality, locationInSaved, locationInShared, keepGainMap,
                processor);
    }

    @Override
    public String toString() {
        return "AppSettings{" + kind + " x" + scale + " " + format + " q" + jpegQuality + " location saved "
                + locationInSaved + " shared " + locationInShared + " gain map " + keepGainMap + " " + processor + "}";
    }
}
