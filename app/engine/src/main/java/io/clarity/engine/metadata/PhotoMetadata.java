package io.clarity.engine.metadata;

/**
 * What an output carries over from its input: the EXIF block and the ICC colour profile, each possibly absent.
 * Writers take it in their constructor and embed it as their format prescribes.
 */
public final class PhotoMetadata {
    public static final PhotoMetadata NONE = new PhotoMetadata(null, null);

    /** ICC profiles split into at most 255 JPEG APP2 chunks of 65519 bytes each. */
    public static final int MAX_ICC_BYTES = 255 * 65519;

    private final Exif exif;
    private final byte[] iccProfile;

    /** Either may be null when the photo has none. */
    public PhotoMetadata(Exif exif, byte[] iccProfile) {
        if (iccProfile != null && (iccProfile.length == 0 || iccProfile.length > MAX_ICC_BYTES)) {
            throw new IllegalArgumentException("ICC profile of " + iccProfile.length + " bytes; must be 1.."
                    + MAX_ICC_BYTES);
        }
        this.exif = exif;
        this.iccProfile = iccProfile == null ? null : iccProfile.clone();
    }

    /** The EXIF block, or null. */
    public Exif exif() {
        return exif;
    }

    /** The ICC profile bytes (a copy), or null. */
    public byte[] iccProfile() {
        return iccProfile == null ? null : iccProfile.clone();
    }

    /** The EXIF orientation 1..8 (1 when there is no EXIF). */
    public int orientation() {
        return exif == null ? 1 : exif.orientation();
    }

    /**
     * The metadata to embed in an upright output of the given size: see {@link Exif#forOutput}. The ICC profile
     * is kept byte for byte.
     */
    public PhotoMetadata forOutput(int width, int height, boolean keepLocation) {
        return new PhotoMetadata(exif == null ? null : exif.forOutput(width, height, keepLocation), iccProfile);
    }
}
