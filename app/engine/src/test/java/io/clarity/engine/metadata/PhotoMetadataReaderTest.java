package io.clarity.engine.metadata;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ByteArrayOutputTarget;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class PhotoMetadataReaderTest {
    /** Bigger than one APP2 segment, so the JPEG path splits and rejoins it. */
    private static final byte[] ICC = randomBytes(150_000);

    @Test
    public void jpegExifAndMultiChunkIccSurviveWriteAndRead() throws IOException {
        Exif exif = ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1);
        byte[] jpeg = encode(new StreamingJpegWriter(target = new ByteArrayOutputTarget(), 90,
                StreamingJpegWriter.Subsampling.YUV420, new PhotoMetadata(exif, ICC)));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(jpeg));
        assertArrayEquals(ICC, read.iccProfile());
        for (Exif.Ifd ifd : Exif.Ifd.values()) {
            assertEquals(ifd.toString(), exif.directory(ifd), read.exif().directory(ifd));
        }
    }

    @Test
    public void pngExifAndIccSurviveWriteAndRead() throws IOException {
        Exif exif = ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 1);
        byte[] png = encode(new StreamingPngWriter(target = new ByteArrayOutputTarget(), new PhotoMetadata(exif, ICC)));
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(png));
        assertArrayEquals(ICC, read.iccProfile());
        assertEquals(exif.directory(Exif.Ifd.GPS), read.exif().directory(Exif.Ifd.GPS));
    }

    @Test
    public void webpExifAndIccpChunksAreRead() throws IOException {
        byte[] tiff = ExifSamples.camera(ByteOrder.LITTLE_ENDIAN, 3).toTiffBytes();
        byte[] icc = Arrays.copyOf(ICC, 1001); // odd: exercises chunk padding
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("WEBP".getBytes(StandardCharsets.US_ASCII));
        riffChunk(body, "VP8X", new byte[10]);
        riffChunk(body, "ICCP", icc);
        riffChunk(body, "VP8L", new byte[5]);
        riffChunk(body, "EXIF", tiff);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("RIFF".getBytes(StandardCharsets.US_ASCII));
        writeLe32(file, body.size());
        body.writeTo(file);
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(file.toByteArray()));
        assertArrayEquals(icc, read.iccProfile());
        assertEquals(3, read.orientation());
    }

    @Test
    public void bmpHasNoMetadata() throws IOException {
        PhotoMetadata read = PhotoMetadataReader.read(new ByteArrayInputStream(new byte[] {'B', 'M', 0, 0}));
        assertNull(read.exif());
        assertNull(read.iccProfile());
    }

    @Test
    public void malformedJpegSegmentsAreRejectedWithTheReason() {
        assertMalformed(bytes(0xFF, 0xD8, 0xFF, 0xE1, 0x00), "truncated");
        assertMalformed(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01), "less than 2");
        assertMalformed(bytes(0xFF, 0xD8, 0x12), "expected a marker");
        assertMalformed(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 1, 2), "truncated");
        byte[] iccHead = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk2of2 = concat(bytes(0xFF, 0xD8, 0xFF, 0xE2, 0x00, 2 + iccHead.length + 3), iccHead,
                bytes(2, 2, 7), bytes(0xFF, 0xDA));
        assertMalformed(chunk2of2, "chunk 1 of 2 is missing");
    }

    @Test
    public void malformedPngChunksAreRejectedWithTheReason() throws IOException {
        byte[] png = encode(new StreamingPngWriter(target = new ByteArrayOutputTarget(),
                new PhotoMetadata(ExifSamples.camera(ByteOrder.BIG_ENDIAN, 1), null)));
        int exifAt = indexOf(png, "eXIf".getBytes(StandardCharsets.US_ASCII));
        byte[] badCrc = png.clone();
        badCrc[exifAt + 10] ^= 1;
        assertMalformed(badCrc, "CRC mismatch");
        byte[] hugeLength = png.clone();
        hugeLength[exifAt - 4] = 0x7F;
        hugeLength[exifAt - 3] = (byte) 0xFF;
        assertMalformed(hugeLength, "exceeds");
        assertMalformed(Arrays.copyOf(png, exifAt + 20), "truncated");
        assertMalformed(bytes(0x89, 'P', 'N', 'G', 0, 0, 0, 0), "signature");
    }

    @Test
    public void iccpThatInflatesPastTheLimitIsRejected() throws IOException {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(new byte[PhotoMetadata.MAX_ICC_BYTES + 1]);
        d.finish();
        byte[] buf = new byte[1 << 20];
        int n = d.deflate(buf);
        d.end();
        byte[] iccp = concat("x".getBytes(StandardCharsets.US_ASCII), new byte[2], Arrays.copyOf(buf, n));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'));
        pngChunk(png, "IHDR", new byte[13]);
        pngChunk(png, "iCCP", iccp);
        assertMalformed(png.toByteArray(), "inflates past");
    }

    @Test
    public void unknownFormatIsRejected() {
        assertMalformed(bytes('G', 'I', 'F', '8'), "not a JPEG, PNG, WebP, HEIF or BMP");
    }

    private ByteArrayOutputTarget target;

    private byte[] encode(ImageSink writer) throws IOException {
        writer.start(16, 16, false);
        writer.writeRows(new ArgbImage(16, 16));
        writer.finish();
        return target.committed();
    }

    private static void assertMalformed(byte[] file, String messagePart) {
        try {
            PhotoMetadataReader.read(new ByteArrayInputStream(file));
            fail("accepted malformed input expected to fail with '" + messagePart + "'");
        } catch (MalformedImageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void riffChunk(ByteArrayOutputStream out, String name, byte[] data) throws IOException {
        out.write(name.getBytes(StandardCharsets.US_ASCII));
        writeLe32(out, data.length);
        out.write(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }

    private static void pngChunk(ByteArrayOutputStream out, String name, byte[] data) throws IOException {
        byte[] type = name.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes(data.length >>> 24, data.length >> 16, data.length >> 8, data.length));
        out.write(type);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        long c = crc.getValue();
        out.write(bytes((int) (c >> 24), (int) (c >> 16), (int) (c >> 8), (int) c));
    }

    private static void writeLe32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
