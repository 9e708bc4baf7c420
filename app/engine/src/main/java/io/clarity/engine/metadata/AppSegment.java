package io.clarity.engine.metadata;

/**
 * A JPEG APPn segment carried over byte for byte: one that holds no pixel geometry and that no other part of
 * the metadata owns (APP12 "picture info", APP13 Photoshop/IPTC and the like).
 */
public final class AppSegment {
    /** The largest payload a segment can hold (its 16-bit length counts itself). */
    public static final int MAX_PAYLOAD = 65533;

    private final int marker;
    private final byte[] payload;

    /** @param marker 0xE0..0xEF */
    public AppSegment(int marker, byte[] payload) {
        if (marker < 0xE0 || marker > 0xEF || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("not an APPn segment: marker 0x" + Integer.toHexString(marker)
                    + " with " + payload.length + " bytes");
        }
        this.marker = marker;
        this.payload = payload.clone();
    }

    public int marker() {
        return marker;
    }

    /** The bytes after the length field; a copy. */
    public byte[] payload() {
        return payload.clone();
    }

    int length() {
        return payload.length;
    }
}
