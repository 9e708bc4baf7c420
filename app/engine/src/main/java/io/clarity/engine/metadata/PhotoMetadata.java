package io.clarity.engine.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an output carries over from its input: the EXIF block, the ICC colour profile, the XMP packet, APPn
 * segments copied as they are and an Ultra HDR gain map, each possibly absent, plus what reading or adapting
 * them had to leave out. Writers take it in their constructor and embed it as their format prescribes.
 */
public final class PhotoMetadata {
    public static final PhotoMetadata NONE = new PhotoMetadata(null, null);

    /** ICC profiles split into at most 255 JPEG APP2 chunks of 65519 bytes each. */
    public static final int MAX_ICC_BYTES = 255 * 65519;

    private final Exif exif;
    private final byte[] iccProfile;
    private final Xmp xmp;
    private final List<AppSegment> segments;
    private final GainMap gainMap;
    private final List<String> dropped;

    /** Either may be null when the photo has none. */
    public PhotoMetadata(Exif exif, byte[] iccProfile) {
        this(exif, iccProfile, null, Collections.<AppSegment>emptyList(), null, Collections.<String>emptyList());
    }

    PhotoMetadata(Exif exif, byte[] iccProfile, Xmp xmp, List<AppSegment> segments, GainMap gainMap,
            List<String> dropped) {
        if (iccProfile != null && (iccProfile.length == 0 || iccProfile.length > MAX_ICC_BYTES)) {
            throw new IllegalArgumentException("ICC profile of " + iccProfile.length + " bytes; must be 1.."
                    + MAX_ICC_BYTES);
        }
        this.exif = exif;
        this.iccProfile = iccProfile == null ? null : iccProfile.clone();
        this.xmp = xmp;
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
        this.gainMap = gainMap;
        this.dropped = Collections.unmodifiableList(new ArrayList<>(dropped));
    }

    /** No metadata, because the file's could not be read: {@link #dropped()} gives the reason. */
    public static PhotoMetadata unreadable(String reason) {
        return new PhotoMetadata(null, null, null, Collections.<AppSegment>emptyList(), null,
                Collections.singletonList("all metadata: " + reason));
    }

    /** The EXIF block, or null. */
    public Exif exif() {
        return exif;
    }

    /** The ICC profile bytes (a copy), or null. */
    public byte[] iccProfile() {
        return iccProfile == null ? null : iccProfile.clone();
    }

    /** The XMP packet (a JPEG's extended XMP already merged in), or null. */
    public Xmp xmp() {
        return xmp;
    }

    /** JPEG APPn segments carried byte for byte, in file order. */
    public List<AppSegment> appSegments() {
        return segments;
    }

    /** The Ultra HDR gain map, or null. */
    public GainMap gainMap() {
        return gainMap;
    }

    public PhotoMetadata withXmp(Xmp xmp) {
        return new PhotoMetadata(exif, iccProfile, xmp, segments, gainMap, dropped);
    }

    public PhotoMetadata withAppSegments(List<AppSegment> segments) {
        return new PhotoMetadata(exif, iccProfile, xmp, segments, gainMap, dropped);
    }

    public PhotoMetadata withGainMap(GainMap gainMap) {
        return new PhotoMetadata(exif, iccProfile, xmp, segments, gainMap, dropped);
    }

    /**
     * What was left out and why, one line each: entries or directories of a damaged EXIF block, an unreadable
     * XMP packet, a MakerNote that cannot keep its place. Empty when everything was kept.
     */
    public List<String> dropped() {
        if (exif == null || exif.dropped().isEmpty()) {
            return dropped;
        }
        List<String> all = new ArrayList<>(exif.dropped());
        all.addAll(dropped);
        return Collections.unmodifiableList(all);
    }

    /** {@link #dropped()} as one line for a warning or a note, or null when nothing was dropped. */
    public String droppedSummary() {
        List<String> all = dropped();
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /** The EXIF orientation 1..8 (1 when there is no EXIF). */
    public int orientation() {
        return exif == null ? 1 : exif.orientation();
    }

    /**
     * What a PNG can carry of this: no gain map (the PNG is SDR) and no JPEG APPn segments, each recorded in
     * {@link #dropped()} when there was one.
     */
    public PhotoMetadata forPng() {
        List<String> why = new ArrayList<>(dropped);
        if (gainMap != null) {
            why.add("Ultra HDR gain map: a PNG has no place for one, so the PNG is SDR");
        }
        if (!segments.isEmpty()) {
            why.add(segments.size() + " JPEG APPn segment(s): a PNG has no place for them");
        }
        return new PhotoMetadata(exif, iccProfile, xmp, Collections.<AppSegment>emptyList(), null, why);
    }

    /**
     * The metadata to embed in an upright output of the given size: see {@link Exif#forOutput} and
     * {@link Xmp#forOutput}. The ICC profile and the copied segments are kept byte for byte; the gain map is
     * kept for a JPEG writer to scale (a PNG writer has nowhere to put it). Without {@code keepLocation} the EXIF GPS
     * directory and XMP's exif:GPS* properties are left out.
     */
    public PhotoMetadata forOutput(int width, int height, boolean keepLocation) {
        List<String> why = new ArrayList<>(dropped);
        Xmp x = xmp == null ? null : xmp.forOutput(width, height, orientation() != 1, why);
        if (x != null && !keepLocation) {
            x = x.withoutLocation();
        }
        return new PhotoMetadata(exif == null ? null : exif.forOutput(width, height, keepLocation), iccProfile, x,
                segments, gainMap, why);
    }

    /** The same metadata without the photo's location: no EXIF GPS directory, no XMP exif:GPS* properties. */
    public PhotoMetadata withoutLocation() {
        return new PhotoMetadata(exif == null ? null : exif.withoutLocation(), iccProfile,
                xmp == null ? null : xmp.withoutLocation(), segments, gainMap, dropped);
    }

    /** Whether the EXIF or the XMP holds a location. */
    public boolean hasLocation() {
        return (exif != null && exif.hasLocation()) || (xmp != null && xmp.hasLocation());
    }
}
