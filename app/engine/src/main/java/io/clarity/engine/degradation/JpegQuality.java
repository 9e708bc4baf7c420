package io.clarity.engine.degradation;

import io.clarity.engine.io.JpegTables;

import java.util.Optional;

/**
 * A JPEG's IJG quality read from its quantization tables (DQT), without decoding it: the inverse of libjpeg's
 * {@code jpeg_set_quality} (Annex K tables × (q &lt; 50 ? 5000 / q : 200 − 2q) / 100, baseline-clamped to 1..255),
 * which ImageIO, libjpeg(-turbo) and our {@code StreamingJpegWriter} all use. A file whose tables are another
 * encoder's (a camera's own) gets the quality whose IJG tables are nearest in log ratio, marked inexact.
 * (A class, not a record: the engine keeps to what animal-sniffer's API 26 signature knows.)
 */
public final class JpegQuality {
    private final int quality;
    private final boolean exact;

    public JpegQuality(int quality, boolean exact) {
        this.quality = quality;
        this.exact = exact;
    }

    /** IJG quality 1..100. */
    public int quality() {
        return quality;
    }

    /** True when every table in the file is the IJG table at {@link #quality}. */
    public boolean exact() {
        return exact;
    }

    /**
     * The quality of a JPEG from its first bytes (the tables come before the scan, normally in the first few
     * hundred bytes); empty when the bytes are not a JPEG or hold no table before the scan or their end.
     */
    public static Optional<JpegQuality> of(byte[] jpeg) {
        int[][] tables = quantizationTables(jpeg);
        if (tables == null || tables[0] == null) {
            return Optional.empty();
        }
        int best = 1;
        double bestDistance = Double.MAX_VALUE;
        int[] luma = JpegTables.luminanceAt(50);
        int[] chroma = JpegTables.chrominanceAt(50);
        for (int q = 1; q <= 100; q++) {
            // libjpeg clamps to 255 only when forced to baseline: cjpeg below q 25 writes 16-bit tables
            for (int max : new int[] {255, 32767}) {
                double d = distance(tables[0], scaled(luma, q, max));
                if (tables[1] != null) {
                    d += distance(tables[1], scaled(chroma, q, max));
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = q;
                }
            }
        }
        return Optional.of(new JpegQuality(best, bestDistance == 0));
    }

    /** libjpeg's jpeg_add_quant_table: the quality's percentage of the base table, rounded, kept in 1..max. */
    private static int[] scaled(int[] base, int quality, int max) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] out = new int[64];
        for (int i = 0; i < 64; i++) {
            out[i] = (int) Math.max(1, Math.min(max, ((long) base[i] * scale + 50) / 100));
        }
        return out;
    }

    /** Sum of |log(a / b)| over the 64 entries: 0 only when the tables are equal. */
    private static double distance(int[] a, int[] b) {
        double d = 0;
        for (int i = 0; i < 64; i++) {
            d += Math.abs(Math.log((double) a[i] / b[i]));
        }
        return d;
    }

    /**
     * Tables 0 (luma) and 1 (chroma) in natural order, read from the DQT segments before the first SOS; null when
     * the bytes are not a JPEG. Entries of 0 (invalid) are read as 1.
     */
    static int[][] quantizationTables(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return null;
        }
        int[][] tables = new int[4][];
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xff) != 0xFF) {
                return tables; // not at a marker: a broken header, keep what was read
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return tables;
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            int end = pos + 2 + length;
            if (length < 2) {
                return tables;
            }
            if (marker == 0xDB) {
                int p = pos + 4;
                while (p < Math.min(end, b.length)) {
                    int pq = (b[p] >> 4) & 0x0f;
                    int id = b[p] & 0x0f;
                    int size = pq == 0 ? 64 : 128;
                    if (id > 3 || pq > 1 || p + 1 + size > b.length) {
                        return tables;
                    }
                    int[] t = new int[64];
                    for (int k = 0; k < 64; k++) {
                        int v = pq == 0 ? b[p + 1 + k] & 0xff
                                : ((b[p + 1 + 2 * k] & 0xff) << 8) | (b[p + 2 + 2 * k] & 0xff);
                        t[JpegTables.ZIGZAG[k]] = Math.max(1, v);
                    }
                    tables[id] = t;
                    p += 1 + size;
                }
            }
            pos = end;
        }
        return tables;
    }
}
