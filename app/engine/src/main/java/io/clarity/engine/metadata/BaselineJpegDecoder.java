package io.clarity.engine.metadata;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.JpegTables;

/**
 * Decodes a sequential Huffman JPEG (baseline or extended, 8-bit, grey or YCbCr, restart intervals) whole:
 * enough for an Ultra HDR gain map, which libultrahdr and camera pipelines write as a small baseline JPEG.
 * The engine has no platform decoder (no ImageIO on Android, no Bitmap on the JVM), and a gain map is small,
 * so this is simpler than a seam. Untrusted input: every length and index is checked, and the pixel count is
 * capped by the caller.
 */
public final class BaselineJpegDecoder {
    /** A decoded image: grey gain maps come back with R = G = B. */
    public static final class Decoded {
        public final ArgbImage image;
        public final int components;

        Decoded(ArgbImage image, int components) {
            this.image = image;
            this.components = components;
        }
    }

    private static final double[][] IDCT = idctMatrix();

    private final byte[] data;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private int restartInterval;
    private int width;
    private int height;
    private Component[] components;
    private int hMax;
    private int vMax;
    // Entropy-coded bits
    private int bitBuffer;
    private int bitCount;
    private boolean hitMarker;

    private BaselineJpegDecoder(byte[] data) {
        this.data = data;
    }

    public static Decoded decode(byte[] jpeg, long maxPixels) throws MalformedImageException {
        return new BaselineJpegDecoder(jpeg).run(maxPixels);
    }

    private MalformedImageException malformed(String what) {
        return new MalformedImageException("JPEG gain map: " + what + " (at byte " + pos + ")");
    }

    private int u8() throws MalformedImageException {
        if (pos >= data.length) {
            throw malformed("truncated");
        }
        return data[pos++] & 0xFF;
    }

    private int u16() throws MalformedImageException {
        return (u8() << 8) | u8();
    }

    private Decoded run(long maxPixels) throws MalformedImageException {
        if (u8() != 0xFF || u8() != 0xD8) {
            throw malformed("no start-of-image marker");
        }
        while (true) {
            int b = u8();
            if (b != 0xFF) {
                throw malformed("expected a marker, found 0x" + Integer.toHexString(b));
            }
            int marker = u8();
            while (marker == 0xFF) {
                marker = u8();
            }
            if (marker == 0xD9) {
                throw malformed("image ends before its scan");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            int length = u16();
            if (length < 2 || pos + length - 2 > data.length) {
                throw malformed("segment length " + length + " does not fit");
            }
            int end = pos + length - 2;
            switch (marker) {
                case 0xDB:
                    readQuant(end);
                    break;
                case 0xC4:
                    readHuffman(end);
                    break;
                case 0xC0:
                case 0xC1:
                    readFrame(end, maxPixels);
                    break;
                case 0xDD:
                    restartInterval = u16();
                    break;
                case 0xDA:
                    readScanHeader(end);
                    pos = end;
                    return decodeScan();
                default:
                    if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw malformed("SOF 0x" + Integer.toHexString(marker)
                                + ": only sequential Huffman JPEGs are decoded");
                    }
                    break;
            }
            pos = end;
        }
    }

    private void readQuant(int end) throws MalformedImageException {
        while (pos < end) {
            int pq = u8();
            int id = pq & 15;
            boolean wide = (pq >> 4) != 0;
            if (id > 3 || (pq >> 4) > 1 || pos + (wide ? 128 : 64) > end) {
                throw malformed("bad quantization table header 0x" + Integer.toHexString(pq));
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = wide ? u16() : u8();
            }
            quant[id] = q;
        }
    }

    private void readHuffman(int end) throws MalformedImageException {
        while (pos < end) {
            int tc = u8();
            int id = tc & 15;
            if (id > 3 || (tc >> 4) > 1 || pos + 16 > end) {
                throw malformed("bad Huffman table header 0x" + Integer.toHexString(tc));
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            if (total > 256 || pos + total > end) {
                throw malformed("Huffman table of " + total + " symbols does not fit");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8();
            }
            Huffman h = new Huffman(counts, values);
            if ((tc >> 4) == 0) {
                dc[id] = h;
            } else {
                ac[id] = h;
            }
        }
    }

    private void readFrame(int end, long maxPixels) throws MalformedImageException {
        if (components != null) {
            throw malformed("second frame header");
        }
        int precision = u8();
        height = u16();
        width = u16();
        int n = u8();
        if (precision != 8 || width == 0 || height == 0 || (n != 1 && n != 3) || pos + 3 * n > end) {
            throw malformed(precision + "-bit " + width + "x" + height + " frame of " + n
                    + " components; only 8-bit grey or YCbCr is decoded");
        }
        // Past the data the scan reads as zeros (as libjpeg pads a short scan), so a lying frame header
        // could make a few bytes decode to gigapixels: no Huffman code is shorter than a bit per 8x8 block.
        long limit = Math.min(maxPixels, 64L * 8 * data.length);
        if ((long) width * height > limit) {
            throw malformed(width + "x" + height + " is bigger than the " + limit + " pixels allowed for "
                    + data.length + " bytes");
        }
        components = new Component[n];
        for (int i = 0; i < n; i++) {
            Component c = new Component();
            c.id = u8();
            int hv = u8();
            c.h = hv >> 4;
            c.v = hv & 15;
            c.tq = u8();
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3) {
                throw malformed("component " + c.id + " sampling " + c.h + "x" + c.v + " table " + c.tq);
            }
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
            components[i] = c;
        }
    }

    private void readScanHeader(int end) throws MalformedImageException {
        if (components == null) {
            throw malformed("scan before the frame header");
        }
        int n = u8();
        if (n != components.length || pos + 2 * n + 3 > end) {
            throw malformed("scan of " + n + " components; one scan with all " + components.length
                    + " is decoded");
        }
        for (int i = 0; i < n; i++) {
            int id = u8();
            int tables = u8();
            Component c = components[i];
            if (c.id != id || dc[tables >> 4 & 3] == null || ac[tables & 3] == null || (tables >> 4) > 3
                    || (tables & 15) > 3 || quant[c.tq] == null) {
                throw malformed("scan component " + id + " has no frame component or tables");
            }
            c.dc = dc[tables >> 4];
            c.ac = ac[tables & 15];
        }
    }

    private Decoded decodeScan() throws MalformedImageException {
        boolean single = components.length == 1;
        int mcuW = single ? 8 : 8 * hMax;
        int mcuH = single ? 8 : 8 * vMax;
        int mcusX = (width + mcuW - 1) / mcuW;
        int mcusY = (height + mcuH - 1) / mcuH;
        for (Component c : components) {
            int bh = single ? 1 : c.h;
            int bv = single ? 1 : c.v;
            c.stride = mcusX * bh * 8;
            c.plane = new byte[c.stride * mcusY * bv * 8];
            c.blocksX = bh;
            c.blocksY = bv;
        }
        int[] coef = new int[64];
        double[] tmp = new double[64];
        int mcus = 0;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartInterval > 0 && mcus > 0 && mcus % restartInterval == 0) {
                    restart();
                }
                mcus++;
                for (Component c : components) {
                    for (int by = 0; by < c.blocksY; by++) {
                        for (int bx = 0; bx < c.blocksX; bx++) {
                            decodeBlock(c, coef);
                            int x0 = (mx * c.blocksX + bx) * 8;
                            int y0 = (my * c.blocksY + by) * 8;
                            idct(coef, tmp, c.plane, y0 * c.stride + x0, c.stride);
                        }
                    }
                }
            }
        }
        ArgbImage image = new ArgbImage(width, height);
        int[] px = image.pixels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int yy = sample(components[0], x, y, single);
                int argb;
                if (single) {
                    argb = yy * 0x010101;
                } else {
                    double cb = sample(components[1], x, y, false) - 128.0;
                    double cr = sample(components[2], x, y, false) - 128.0;
                    int r = clamp(yy + 1.402 * cr);
                    int g = clamp(yy - 0.344136 * cb - 0.714136 * cr);
                    int b = clamp(yy + 1.772 * cb);
                    argb = (r << 16) | (g << 8) | b;
                }
                px[y * width + x] = 0xFF000000 | argb;
            }
        }
        return new Decoded(image, components.length);
    }

    /** The component's sample for image pixel (x, y), chroma upsampled by replication. */
    private int sample(Component c, int x, int y, boolean single) {
        int cx = single ? x : x * c.h / hMax;
        int cy = single ? y : y * c.v / vMax;
        return c.plane[cy * c.stride + cx] & 0xFF;
    }

    private static int clamp(double v) {
        int i = (int) Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    private void decodeBlock(Component c, int[] coef) throws MalformedImageException {
        java.util.Arrays.fill(coef, 0);
        int[] q = quant[c.tq];
        int t = c.dc.decode(this);
        if (t > 11) {
            throw malformed("DC difference of " + t + " bits");
        }
        c.prediction += extend(bits(t), t);
        coef[0] = c.prediction * q[0];
        for (int k = 1; k < 64; ) {
            int rs = c.ac.decode(this);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw malformed("AC coefficients run past the block");
            }
            coef[JpegTables.ZIGZAG[k]] = extend(bits(s), s) * q[k];
            k++;
        }
    }

    private static int extend(int v, int t) {
        return t == 0 ? 0 : v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
    }

    int bit() throws MalformedImageException {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (bitBuffer >> bitCount) & 1;
    }

    private int bits(int n) throws MalformedImageException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    /** The next entropy-coded byte; past a marker or the end, zeros (as libjpeg pads a short scan). */
    private void fill() {
        int b = 0;
        if (!hitMarker && pos < data.length) {
            b = data[pos] & 0xFF;
            if (b == 0xFF) {
                int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
                if (next == 0x00) {
                    pos += 2;
                } else {
                    hitMarker = true;
                    b = 0;
                }
            } else {
                pos++;
            }
        }
        bitBuffer = b;
        bitCount = 8;
    }

    private void restart() throws MalformedImageException {
        bitCount = 0;
        hitMarker = false;
        while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xF8) == 0xD0)) {
            pos++;
        }
        if (pos + 1 >= data.length) {
            throw malformed("restart marker missing");
        }
        pos += 2;
        for (Component c : components) {
            c.prediction = 0;
        }
    }

    private static void idct(int[] coef, double[] tmp, byte[] plane, int at, int stride) {
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += IDCT[y][v] * coef[v * 8 + u];
                }
                tmp[y * 8 + u] = s;
            }
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) {
                    s += IDCT[x][u] * tmp[y * 8 + u];
                }
                plane[at + y * stride + x] = (byte) clamp(s + 128);
            }
        }
    }

    /** IDCT[x][u] = C(u)/2 cos((2x+1)u pi/16). */
    private static double[][] idctMatrix() {
        double[][] m = new double[8][8];
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                m[x][u] = (u == 0 ? Math.sqrt(0.125) : 0.5) * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        return m;
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        Huffman dc;
        Huffman ac;
        int prediction;
        byte[] plane;
        int stride;
        int blocksX;
        int blocksY;
    }

    /** Canonical Huffman decoding tables (T.81 F.2.2.3): the longest code of each length and where it maps. */
    private static final class Huffman {
        private final int[] maxCode = new int[17];
        private final int[] offset = new int[17];
        private final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                offset[len] = k - code;
                code += counts[len - 1];
                k += counts[len - 1];
                maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }

        int decode(BaselineJpegDecoder in) throws MalformedImageException {
            int code = 0;
            for (int len = 1; len <= 16; len++) {
                code = (code << 1) | in.bit();
                if (code <= maxCode[len]) {
                    int i = offset[len] + code;
                    if (i < 0 || i >= values.length) {
                        break;
                    }
                    return values[i];
                }
            }
            throw in.malformed("no Huffman code matches the data");
        }
    }
}
