package io.clarity.engine.metadata;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Feeds untrusted bytes to every metadata parser (JPEG, PNG, WebP and HEIF containers, EXIF/TIFF, XMP, MPF,
 * the gain-map JPEG decoder): each must return or throw {@link MalformedImageException};
 * any other exception, a hang or an OutOfMemoryError is a finding. Without JAZZER_FUZZ this replays the
 * regression inputs under src/test/resources; the build's "fuzz" Surefire run fuzzes it for a few seconds.
 */
class MetadataParsersFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void parsersRejectMalformedBytesCleanly(byte[] data) {
        try {
            PhotoMetadata metadata = PhotoMetadataReader.read(new ByteArrayInputStream(data));
            if (metadata.exif() != null) {
                // What we parsed, we must be able to write back and re-read.
                Exif out = metadata.exif().forOutput(4000, 3000, false);
                Exif reread = Exif.parse(out.toTiffBytes());
                if (reread.orientation() != 1) {
                    throw new IllegalStateException("orientation not reset");
                }
            }
            if (metadata.xmp() != null) {
                // Edits splice the packet; the result must still scan.
                Xmp.parse(metadata.forOutput(4000, 3000, false).xmp().packet());
            }
        } catch (MalformedImageException expected) {
            // Malformed input rejected with our exception: fine.
        } catch (IOException e) {
            throw new IllegalStateException("a byte array stream cannot fail", e);
        }
        try {
            Exif exif = Exif.parse(data);
            Exif.parse(exif.toTiffBytes());
        } catch (MalformedImageException expected) {
            // As above, for a raw TIFF/EXIF block.
        }
        try {
            Xmp.parse(new String(data, StandardCharsets.UTF_8)).forOutput(10, 10, true, new ArrayList<>());
        } catch (MalformedImageException expected) {
            // As above, for an XMP packet.
        }
        try {
            MpfIndex.parse(data, 0);
        } catch (MalformedImageException expected) {
            // As above, for an MPF index segment.
        }
        try {
            BaselineJpegDecoder.decode(data, 1 << 16);
        } catch (MalformedImageException expected) {
            // As above, for a gain-map JPEG.
        }
    }
}
