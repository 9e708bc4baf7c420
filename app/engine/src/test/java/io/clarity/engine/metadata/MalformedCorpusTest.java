package io.clarity.engine.metadata;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The malformed inputs the fuzzer generated, one per distinct rejection (file names say which parser and
 * why): each {@code malformed-*} input must still be rejected with {@link MalformedImageException}, and each
 * {@code salvaged-*} one (EXIF blocks that were rejected whole before entries were parsed one by one) must now
 * parse with what it lost reported. MetadataParsersFuzzTest replays the same files checking that nothing else
 * is thrown.
 */
public class MalformedCorpusTest {
    @Test
    public void everyKeptMalformedInputIsStillRejected() throws IOException, URISyntaxException {
        File dir = new File(getClass().getResource(
                "MetadataParsersFuzzTestInputs/parsersRejectMalformedBytesCleanly").toURI());
        File[] files = dir.listFiles((d, name) -> name.startsWith("malformed-"));
        assertNotNull(files);
        assertTrue("corpus has " + files.length + " malformed inputs", files.length >= 20);
        for (File f : files) {
            byte[] data = Files.readAllBytes(f.toPath());
            try {
                if (f.getName().startsWith("malformed-tiff-")) {
                    Exif.parse(data);
                } else {
                    PhotoMetadataReader.read(new ByteArrayInputStream(data));
                }
                fail(f.getName() + " was accepted");
            } catch (MalformedImageException expected) {
                assertTrue(f.getName() + ": " + expected.getMessage(), expected.getMessage().length() > 10);
            }
        }
    }

    @Test
    public void everySalvagedInputKeepsWhatIsSoundAndReportsTheRest() throws IOException, URISyntaxException {
        File dir = new File(getClass().getResource(
                "MetadataParsersFuzzTestInputs/parsersRejectMalformedBytesCleanly").toURI());
        File[] files = dir.listFiles((d, name) -> name.startsWith("salvaged-tiff-"));
        assertNotNull(files);
        assertTrue("corpus has " + files.length + " salvaged inputs", files.length >= 5);
        for (File f : files) {
            Exif exif = Exif.parse(Files.readAllBytes(f.toPath()));
            assertFalse(f.getName() + " reported nothing dropped", exif.dropped().isEmpty());
            Exif.parse(exif.forOutput(100, 100, true).toTiffBytes());
        }
    }
}
