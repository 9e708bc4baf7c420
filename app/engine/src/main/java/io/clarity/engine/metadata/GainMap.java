package io.clarity.engine.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The gain map of an Ultra HDR JPEG: the second image its MPF index points at, a JPEG of its own whose XMP
 * carries the hdrgm parameters (how to apply it), with the size of the primary image it was made for.
 */
public final class GainMap {
    /** Gain maps are a fraction of the primary; anything bigger is not one we hold in memory. */
    public static final int MAX_BYTES = 32 << 20;

    private final byte[] jpeg;
    private final int primaryWidth;
    private final int primaryHeight;
    private final int orientation;
    private final Xmp xmp;
    private final List<AppSegment> segments;

    /**
     * @param jpeg the gain-map image, SOI to EOI
     * @param primaryWidth the stored (not yet turned) width of the primary image
     * @param orientation the primary's EXIF orientation, which the gain map shares
     * @param xmp the gain map's own XMP (hdrgm parameters), or null
     * @param segments the gain map's other APPn segments (an ISO 21496-1 block, say), copied as they are
     */
    public GainMap(byte[] jpeg, int primaryWidth, int primaryHeight, int orientation, Xmp xmp,
            List<AppSegment> segments) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8 || primaryWidth <= 0
                || primaryHeight <= 0 || orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("not a gain map: " + jpeg.length + " bytes for a " + primaryWidth
                    + "x" + primaryHeight + " primary, orientation " + orientation);
        }
        this.jpeg = jpeg.clone();
        this.primaryWidth = primaryWidth;
        this.primaryHeight = primaryHeight;
        this.orientation = orientation;
        this.xmp = xmp;
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
    }

    /** The gain-map JPEG, SOI to EOI; a copy. */
    public byte[] jpeg() {
        return jpeg.clone();
    }

    public int primaryWidth() {
        return primaryWidth;
    }

    public int primaryHeight() {
        return primaryHeight;
    }

    public int orientation() {
        return orientation;
    }

    /** The gain map's XMP, or null. */
    public Xmp xmp() {
        return xmp;
    }

    public List<AppSegment> segments() {
        return segments;
    }
}
