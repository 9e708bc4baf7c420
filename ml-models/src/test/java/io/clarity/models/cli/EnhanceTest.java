package io.clarity.models.cli;

import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.ShippedModels;
import io.clarity.models.data.SharedData;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

public class EnhanceTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true);

    private int enhance(String... args) {
        return Enhance.run(args, err);
    }

    private String errText() {
        return new String(errBytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private Path photo() {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout", data.isPresent());
        Path photo = data.get().resolve("train").resolve("photos").resolve("Aqua.jpg");
        assumeTrue(photo + " missing", Files.isRegularFile(photo));
        return photo;
    }

    @Test
    public void upscalesPhotoX2WithProgressIntoDecodableJpegKeepingExif() throws Exception {
        Path in = photo();
        Path out = temp.getRoot().toPath().resolve("aqua-x2.jpg");
        // the linear model keeps this 2560x1600 run quick; the default (fast-x2) is chosen in the test below
        int code = enhance(in.toString(), out.toString(), "--scale", "2", "--model", "linear-x2", "--threads", "2");
        assertEquals(errText(), 0, code);
        assertTrue(errText(), errText().contains("100%"));
        BufferedImage source = ImageIO.read(in.toFile());
        BufferedImage result = ImageIO.read(out.toFile());
        assertNotNull("output decodes", result);
        assertEquals(2 * source.getWidth(), result.getWidth());
        assertEquals(2 * source.getHeight(), result.getHeight());
        try (InputStream s = Files.newInputStream(out)) {
            PhotoMetadata m = PhotoMetadataReader.read(s);
            assertNotNull("EXIF carried over", m.exif());
        }
    }

    @Test
    public void defaultIsTheBestMeasuredBundledModelInTheCatalog() {
        ShippedModels catalog = BundledModels.catalog();
        for (int scale = 2; scale <= 4; scale++) {
            String chosen = Enhance.defaultModel(scale);
            ShippedModels.Entry best = catalog.find(chosen).orElseThrow();
            assertNotNull(chosen + " ships in the jar", Enhance.class.getResource("/models/" + chosen + ".tflite"));
            for (ShippedModels.Entry e : catalog.entries()) {
                if (e.scale() == scale && e.channels() == ModelSpec.Channels.Y) {
                    assertTrue(chosen + " measures at least " + e.id(), best.measuredPsnr() >= e.measuredPsnr());
                }
            }
        }
        assertEquals("fast-x2", Enhance.defaultModel(2));
        assertEquals("fast-x4", Enhance.defaultModel(4));
        try {
            Enhance.defaultModel(5);
            fail("no x5 model ships");
        } catch (IllegalArgumentException e) {
            assertEquals("no bundled model upscales x5", e.getMessage());
        }
    }

    private void assertFailsCleanly(Path in) throws Exception {
        Path out = temp.getRoot().toPath().resolve("out.jpg");
        int code = enhance(in.toString(), out.toString());
        String text = errText().trim();
        System.out.println(in.getFileName() + " -> exit " + code + ": " + text);
        assertNotEquals(0, code);
        assertEquals("one line: " + text, 1, text.split("\n").length);
        assertTrue(text, text.startsWith("enhance: "));
        try (Stream<Path> left = Files.list(temp.getRoot().toPath())) {
            assertFalse("no output or partial file left", left.anyMatch(p -> p.getFileName().toString().startsWith("out.jpg")));
        }
    }

    @Test
    public void textFileNamedJpgFailsWithOneLineAndNoOutput() throws Exception {
        Path fake = temp.newFile("notes.jpg").toPath();
        Files.write(fake, "just some text, not a photo\n".getBytes(StandardCharsets.UTF_8));
        assertFailsCleanly(fake);
    }

    @Test
    public void truncatedJpegFailsWithOneLineAndNoOutput() throws Exception {
        byte[] full = Files.readAllBytes(photo());
        Path cut = temp.newFile("cut.jpg").toPath();
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertFailsCleanly(cut);
    }

    @Test
    public void missingFileFailsWithOneLineAndNoOutput() throws Exception {
        assertFailsCleanly(temp.getRoot().toPath().resolve("does-not-exist.jpg"));
    }

    @Test
    public void unknownOptionIsAUsageError() {
        assertEquals(2, enhance("a.jpg", "b.jpg", "--colour", "red"));
    }
}
