package io.clarity.engine.metadata;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Feeds untrusted bytes to every metadata parser: each must return or throw {@link MalformedImageException};
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
    }
}
