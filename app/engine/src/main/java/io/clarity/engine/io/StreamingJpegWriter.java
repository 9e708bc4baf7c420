package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.metadata.AppSegment;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.GainMap;
import io.clarity.engine.metadata.MalformedImageException;
import io.clarity.engine.metadata.MpfIndex;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.Xmp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A baseline JPEG encoder that takes rows in order and keeps one MCU row (8 or 16 lines) in memory: JFIF
 * YCbCr, the Annex K tables scaled by IJG quality, standard Huffman tables. EXIF goes into APP1, the ICC
 * profile into APP2 ICC_PROFILE chunks, XMP into APP1 (extended XMP when it is big), other carried APPn
 * segments as they are. Alpha is dropped (JPEG has none). With a gain map in the metadata the output is an
 * Ultra HDR JPEG: the gain map scaled to the output, an MPF index and the hdrgm XMP description.
 */
public final class StreamingJpegWriter extends StreamingImageWriter {
    /**
     * Chroma resolution: 4:2:0 halves it both ways (what cameras and ImageIO write), 4:4:4 keeps it, GRAY
     * writes luminance alone (one component: a single-channel gain map).
     */
    public enum Subsampling { YUV420, YUV444, GRAY }

    private static final int MAX_APP_PAYLOAD = AppSegment.MAX_PAYLOAD;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTENDED_XMP_HEADER =
            "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    private static final int ICC_CHUNK = MAX_APP_PAYLOAD - 14;
    private static final double[][] DCT = dctMatrix();

    private final int quality;
    private final Subsampling subsampling;
    private final PhotoMetadata metadata;
    private final int[] lumaQuant;
    private final int[] chromaQuant;
    private final HuffmanCode dcLuma = new HuffmanCode(JpegTables.DC_LUMINANCE_BITS, JpegTables.DC_LUMINANCE_VALUES);
    private final HuffmanCode acLuma = new HuffmanCode(JpegTables.AC_LUMINANCE_BITS, JpegTables.AC_LUMINANCE_VALUES);
    private final HuffmanCode dcChroma =
            new HuffmanCode(JpegTables.DC_CHROMINANCE_BITS, JpegTables.DC_CHROMINANCE_VALUES);
    private final HuffmanCode acChroma =
            new HuffmanCode(JpegTables.AC_CHROMINANCE_BITS, JpegTables.AC_CHROMINANCE_VALUES);

    /** The Ultra HDR description for the primary's XMP; empty when writing a plain JPEG. */
    private String ultraHdrAttributes = "";
    private String ultraHdrChildren = "";
    private CountingOutputStream out;
    /** The re-encoded gain map appended after the primary, or null for a plain JPEG. */
    private byte[] gainMapJpeg;
    private long mpfPayloadAt;
    private long primaryLength;
    private BitOutput bits;
    private int width;
    private int stripHeight;
    private int paddedWidth;
    private float[][] planes; // Y, Cb, Cr: one MCU row, full resolution
    private int stripFill;
    private final int[] previousDc = new int[3];
    private final double[] block = new double[64];
    private final double[] temp = new double[64];
    private final int[] quantized = new int[64];

    /** @param quality IJG quality 1..100 (ImageIO's 0.95 is 95) */
    public StreamingJpegWriter(OutputTarget target, int quality, Subsampling subsampling, PhotoMetadata metadata) {
        super(target);
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is outside 1..100");
        }
        this.quality = quality;
        this.subsampling = subsampling;
        this.metadata = metadata;
        this.lumaQuant = JpegTables.scaled(JpegTables.LUMINANCE_QUANT, quality);
        this.chromaQuant = JpegTables.scaled(JpegTables.CHROMINANCE_QUANT, quality);
    }

    public int quality() {
        return quality;
    }

    @Override
    void checkSize(int width, int height) {
        if (width > 65535 || height > 65535) {
            throw new IllegalArgumentException("JPEG cannot hold " + width + "x" + height + " (max 65535)");
        }
    }

    @Override
    void begin(OutputStream stream, int width, int height, boolean hasAlpha) throws IOException {
        this.width = width;
        int mcu = subsampling == Subsampling.YUV420 ? 16 : 8;
        stripHeight = mcu;
        paddedWidth = (width + mcu - 1) / mcu * mcu;
        planes = new float[3][stripHeight * paddedWidth];
        out = new CountingOutputStream(stream);
        GainMap gainMap = metadata.gainMap();
        if (gainMap != null) {
            // Encoded first, so the primary's XMP can give its length; the primary itself still streams.
            gainMapJpeg = UltraHdrGainMap.forOutput(gainMap, width, height, quality);
            ultraHdrAttributes = "xmlns:hdrgm=\"" + Xmp.NS_HDRGM + "\" xmlns:Container=\"" + Xmp.NS_CONTAINER
                    + "\" xmlns:Item=\"" + Xmp.NS_ITEM + "\" hdrgm:Version=\"1.0\"";
            ultraHdrChildren = "<Container:Directory><rdf:Seq>"
                    + "<rdf:li rdf:parseType=\"Resource\"><Container:Item Item:Semantic=\"Primary\""
                    + " Item:Mime=\"image/jpeg\"/></rdf:li>"
                    + "<rdf:li rdf:parseType=\"Resource\"><Container:Item Item:Semantic=\"GainMap\""
                    + " Item:Mime=\"image/jpeg\" Item:Length=\"" + gainMapJpeg.length + "\"/></rdf:li>"
                    + "</rdf:Seq></Container:Directory>";
        }
        writeHeaders(out, width, height);
        bits = new BitOutput(out);
    }

    private void writeHeaders(OutputStream out, int width, int height) throws IOException {
        out.write(0xFF);
        out.write(0xD8);
        Exif exif = metadata.exif();
        if (exif == null) {
            // JFIF 1.01, aspect 1:1, no thumbnail; EXIF files go without it, as cameras write them.
            segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        } else {
            segment(out, 0xE1, exifPayload(exif));
        }
        for (byte[] xmp : xmpPayloads(metadata.xmp(), ultraHdrAttributes, ultraHdrChildren)) {
            segment(out, 0xE1, xmp);
        }
        byte[] icc = metadata.iccProfile();
        if (icc != null) {
            int chunks = (icc.length + ICC_CHUNK - 1) / ICC_CHUNK;
            for (int i = 0; i < chunks; i++) {
                int from = i * ICC_CHUNK;
                int len = Math.min(ICC_CHUNK, icc.length - from);
                byte[] p = new byte[14 + len];
                System.arraycopy("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), 0, p, 0, 12);
                p[12] = (byte) (i + 1);
                p[13] = (byte) chunks;
                System.arraycopy(icc, from, p, 14, len);
                segment(out, 0xE2, p);
            }
        }
        if (gainMapJpeg != null) {
            mpfPayloadAt = this.out.count() + 4;
            segment(out, 0xE2, MpfIndex.segment(0, 0, 0)); // filled in by afterClose
        }
        for (AppSegment a : metadata.appSegments()) {
            segment(out, a.marker(), a.payload());
        }
        byte[] dqt = new byte[130];
        for (int t = 0; t < 2; t++) {
            int[] q = t == 0 ? lumaQuant : chromaQuant;
            dqt[65 * t] = (byte) t;
            for (int k = 0; k < 64; k++) {
                dqt[65 * t + 1 + k] = (byte) q[JpegTables.ZIGZAG[k]];
            }
        }
        segment(out, 0xDB, dqt);
        int lumaSampling = subsampling == Subsampling.YUV420 ? 0x22 : 0x11;
        boolean gray = subsampling == Subsampling.GRAY;
        segment(out, 0xC0, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
            (byte) (gray ? 1 : 3), 1, (byte) lumaSampling, 0, 2, 0x11, 1, 3, 0x11, 1}, gray ? 9 : 15);
        java.io.ByteArrayOutputStream dht = new java.io.ByteArrayOutputStream();
        huffmanTable(dht, 0x00, JpegTables.DC_LUMINANCE_BITS, JpegTables.DC_LUMINANCE_VALUES);
        huffmanTable(dht, 0x10, JpegTables.AC_LUMINANCE_BITS, JpegTables.AC_LUMINANCE_VALUES);
        huffmanTable(dht, 0x01, JpegTables.DC_CHROMINANCE_BITS, JpegTables.DC_CHROMINANCE_VALUES);
        huffmanTable(dht, 0x11, JpegTables.AC_CHROMINANCE_BITS, JpegTables.AC_CHROMINANCE_VALUES);
        segment(out, 0xC4, dht.toByteArray());
        segment(out, 0xDA, gray ? new byte[] {1, 1, 0x00, 0, 63, 0} : new byte[] {3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0});
    }

    /** "Exif\0\0" + TIFF; {@link Exif#forOutput} keeps the block within one segment. */
    private static byte[] exifPayload(Exif exif) {
        byte[] tiff = exif.toTiffBytes();
        if (tiff.length > Exif.MAX_JPEG_BYTES) {
            throw new IllegalArgumentException("EXIF block of " + tiff.length + " bytes does not fit a JPEG APP1");
        }
        return concat(EXIF_HEADER, tiff);
    }

    /**
     * The APP1 payloads of an XMP packet, plus the properties only a primary image's standard packet may hold
     * ({@code attributes}, {@code children}: the Ultra HDR description; both empty for none). A packet too big
     * for one segment goes whole into extended XMP (XMP part 3, 1.1.3.1), the standard packet then holding
     * only its GUID and those properties.
     */
    static List<byte[]> xmpPayloads(Xmp xmp, String attributes, String children) {
        List<byte[]> out = new ArrayList<>();
        boolean extra = !attributes.isEmpty() || !children.isEmpty();
        if (xmp == null && !extra) {
            return out;
        }
        try {
            Xmp full = extra ? (xmp == null ? Xmp.empty() : xmp).withDescription(attributes, children) : xmp;
            byte[] packet = full.packet();
            if (XMP_HEADER.length + packet.length <= MAX_APP_PAYLOAD) {
                out.add(concat(XMP_HEADER, packet));
                return out;
            }
            byte[] extended = xmp.bytes(); // extended XMP goes without a packet wrapper
            String guid = md5Hex(extended);
            Xmp standard = Xmp.empty().withDescription("xmlns:xmpNote=\"" + Xmp.NS_XMP_NOTE
                    + "\" xmpNote:HasExtendedXMP=\"" + guid + "\"" + (extra ? " " + attributes : ""), children);
            out.add(concat(XMP_HEADER, standard.packet()));
            int chunk = MAX_APP_PAYLOAD - EXTENDED_XMP_HEADER.length - 40;
            for (int at = 0; at < extended.length; at += chunk) {
                int n = Math.min(chunk, extended.length - at);
                byte[] p = new byte[EXTENDED_XMP_HEADER.length + 40 + n];
                System.arraycopy(EXTENDED_XMP_HEADER, 0, p, 0, EXTENDED_XMP_HEADER.length);
                int h = EXTENDED_XMP_HEADER.length;
                System.arraycopy(guid.getBytes(StandardCharsets.US_ASCII), 0, p, h, 32);
                put32(p, h + 32, extended.length);
                put32(p, h + 36, at);
                System.arraycopy(extended, at, p, h + 40, n);
                out.add(p);
            }
            return out;
        } catch (MalformedImageException e) {
            throw new IllegalArgumentException("XMP packet cannot take the Ultra HDR description: " + e.getMessage(), e);
        }
    }

    private static String md5Hex(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(data);
            StringBuilder s = new StringBuilder(32);
            for (byte b : d) {
                s.append(String.format("%02X", b & 0xFF));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static void huffmanTable(java.io.ByteArrayOutputStream out, int classAndId, int[] counts, int[] values) {
        out.write(classAndId);
        for (int c : counts) {
            out.write(c);
        }
        for (int v : values) {
            out.write(v);
        }
    }

    private static void segment(OutputStream out, int marker, byte[] payload) throws IOException {
        segment(out, marker, payload, payload.length);
    }

    private static void segment(OutputStream out, int marker, byte[] payload, int used) throws IOException {
        int length = used + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length);
        out.write(payload, 0, used);
    }

    @Override
    void encodeRows(ArgbImage band) throws IOException {
        int[] px = band.pixels();
        float[] yPlane = planes[0];
        float[] cbPlane = planes[1];
        float[] crPlane = planes[2];
        for (int row = 0; row < band.height(); row++) {
            int base = stripFill * paddedWidth;
            for (int x = 0; x < paddedWidth; x++) {
                int p = px[row * width + Math.min(x, width - 1)]; // pad by repeating the last column
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                yPlane[base + x] = 0.299f * r + 0.587f * g + 0.114f * b - 128f;
                cbPlane[base + x] = -0.168736f * r - 0.331264f * g + 0.5f * b;
                crPlane[base + x] = 0.5f * r - 0.418688f * g - 0.081312f * b;
            }
            if (++stripFill == stripHeight) {
                encodeStrip();
                stripFill = 0;
            }
        }
    }

    @Override
    void end(OutputStream out) throws IOException {
        if (stripFill > 0) {
            for (float[] plane : planes) { // pad by repeating the last row
                for (int row = stripFill; row < stripHeight; row++) {
                    System.arraycopy(plane, (stripFill - 1) * paddedWidth, plane, row * paddedWidth, paddedWidth);
                }
            }
            encodeStrip();
        }
        bits.flush();
        this.out.write(0xFF);
        this.out.write(0xD9);
        if (gainMapJpeg != null) {
            primaryLength = this.out.count();
            this.out.write(gainMapJpeg);
        }
    }

    /** Fills in the MPF index reserved in the headers: the primary's length is known only now. */
    @Override
    void afterClose(OutputTarget target) throws IOException {
        if (gainMapJpeg != null) {
            byte[] mpf = MpfIndex.segment(primaryLength, gainMapJpeg.length, primaryLength - (mpfPayloadAt + 4));
            target.overwrite(mpfPayloadAt, mpf);
        }
    }

    private void encodeStrip() throws IOException {
        int mcuWidth = subsampling == Subsampling.YUV420 ? 16 : 8;
        for (int mx = 0; mx < paddedWidth; mx += mcuWidth) {
            if (subsampling == Subsampling.YUV420) {
                for (int by = 0; by < 16; by += 8) {
                    for (int bx = 0; bx < 16; bx += 8) {
                        loadBlock(planes[0], mx + bx, by);
                        encodeBlock(0, lumaQuant, dcLuma, acLuma);
                    }
                }
                loadHalvedBlock(planes[1], mx);
                encodeBlock(1, chromaQuant, dcChroma, acChroma);
                loadHalvedBlock(planes[2], mx);
                encodeBlock(2, chromaQuant, dcChroma, acChroma);
            } else if (subsampling == Subsampling.GRAY) {
                loadBlock(planes[0], mx, 0);
                encodeBlock(0, lumaQuant, dcLuma, acLuma);
            } else {
                loadBlock(planes[0], mx, 0);
                encodeBlock(0, lumaQuant, dcLuma, acLuma);
                loadBlock(planes[1], mx, 0);
                encodeBlock(1, chromaQuant, dcChroma, acChroma);
                loadBlock(planes[2], mx, 0);
                encodeBlock(2, chromaQuant, dcChroma, acChroma);
            }
        }
    }

    private void loadBlock(float[] plane, int x0, int y0) {
        for (int y = 0; y < 8; y++) {
            int base = (y0 + y) * paddedWidth + x0;
            for (int x = 0; x < 8; x++) {
                block[y * 8 + x] = plane[base + x];
            }
        }
    }

    /** A 16x16 area averaged 2x2 into one 8x8 chroma block (box filter, as libjpeg downsamples). */
    private void loadHalvedBlock(float[] plane, int x0) {
        for (int y = 0; y < 8; y++) {
            int top = 2 * y * paddedWidth + x0;
            int bottom = top + paddedWidth;
            for (int x = 0; x < 8; x++) {
                int i = 2 * x;
                block[y * 8 + x] = 0.25 * (plane[top + i] + plane[top + i + 1] + plane[bottom + i]
                        + plane[bottom + i + 1]);
            }
        }
    }

    /** Forward DCT of {@link #block}, quantization with rounding to nearest, then Huffman coding. */
    private void encodeBlock(int component, int[] quant, HuffmanCode dc, HuffmanCode ac) throws IOException {
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += DCT[u][x] * block[y * 8 + x];
                }
                temp[y * 8 + u] = s;
            }
        }
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double s = 0;
                for (int y = 0; y < 8; y++) {
                    s += DCT[v][y] * temp[y * 8 + u];
                }
                double q = s / quant[v * 8 + u];
                quantized[v * 8 + u] = (int) (q >= 0 ? q + 0.5 : q - 0.5);
            }
        }
        int dcValue = quantized[0];
        int diff = dcValue - previousDc[component];
        previousDc[component] = dcValue;
        int size = magnitudeBits(diff);
        dc.write(bits, size);
        if (size > 0) {
            bits.write(diff < 0 ? diff - 1 : diff, size);
        }
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int c = quantized[JpegTables.ZIGZAG[k]];
            if (c == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                ac.write(bits, 0xF0);
                run -= 16;
            }
            int s = magnitudeBits(c);
            ac.write(bits, (run << 4) | s);
            bits.write(c < 0 ? c - 1 : c, s);
            run = 0;
        }
        if (run > 0) {
            ac.write(bits, 0x00);
        }
    }

    private static int magnitudeBits(int v) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    private static double[][] dctMatrix() {
        double[][] m = new double[8][8];
        for (int u = 0; u < 8; u++) {
            double c = u == 0 ? Math.sqrt(0.125) : 0.5;
            for (int x = 0; x < 8; x++) {
                m[u][x] = c * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        return m;
    }

    /** Canonical Huffman codes built from a DHT-style table (T.81 Annex C). */
    private static final class HuffmanCode {
        private final int[] code = new int[256];
        private final int[] length = new int[256];

        HuffmanCode(int[] counts, int[] values) {
            int k = 0;
            int c = 0;
            for (int len = 1; len <= 16; len++) {
                for (int i = 0; i < counts[len - 1]; i++) {
                    code[values[k]] = c++;
                    length[values[k]] = len;
                    k++;
                }
                c <<= 1;
            }
        }

        void write(BitOutput out, int symbol) throws IOException {
            out.write(code[symbol], length[symbol]);
        }
    }

    /** Entropy-coded bits, MSB first, with a 0x00 stuffed after every 0xFF byte. */
    private static final class BitOutput {
        private final OutputStream out;
        private long buffer;
        private int count;

        BitOutput(OutputStream out) {
            this.out = out;
        }

        void write(int value, int n) throws IOException {
            buffer = (buffer << n) | (value & ((1L << n) - 1));
            count += n;
            while (count >= 8) {
                int b = (int) (buffer >> (count - 8)) & 0xFF;
                out.write(b);
                if (b == 0xFF) {
                    out.write(0);
                }
                count -= 8;
            }
        }

        /** Pads the last byte with 1 bits, as T.81 F.1.2.3 asks. */
        void flush() throws IOException {
            if (count > 0) {
                write(0x7F, 8 - count);
            }
        }
    }

    /** Counts what passes, so the writer knows where the MPF index sits and how long the primary came out. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
