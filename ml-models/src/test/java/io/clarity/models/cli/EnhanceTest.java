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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertArrayEquals;
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

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int enhance(String... args) {
        outBytes.reset();
        errBytes.reset();
        return Enhance.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String outText() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String errText() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The lines a person reads: progress redraws (\r) taken out. */
    private List<String> errLines() {
        return Arrays.stream(errText().split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1).strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    private Path root() {
        return temp.getRoot().toPath();
    }

    /** A small photo-like JPEG (smooth gradients plus noise), so model runs take milliseconds. */
    private Path photo(Path file, int seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = Math.min(255, x * 5 + random.nextInt(20));
                int g = Math.min(255, y * 6 + random.nextInt(20));
                int b = Math.min(255, 128 + random.nextInt(60));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertTrue(ImageIO.write(image, format, file.toFile()));
        return file;
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    public void helpAndVersionExitZero() {
        assertEquals(0, enhance("--help"));
        assertTrue(outText(), outText().contains("Usage: enhance"));
        assertTrue(outText(), outText().contains("--strength"));
        assertTrue(outText(), outText().contains("Exit codes:"));
        assertEquals(0, enhance("--version"));
        assertTrue(outText(), outText().startsWith("enhance (Clarity) 0."));
    }

    @Test
    public void folderWithOneBrokenPhotoWritesTheOthersAndExitsOne() throws Exception {
        Path in = root().resolve("in");
        photo(in.resolve("a.jpg"), 1);
        photo(in.resolve("b.jpg"), 2);
        byte[] full = Files.readAllBytes(photo(in.resolve("c.jpg"), 3));
        Files.write(in.resolve("c.jpg"), Arrays.copyOf(full, full.length / 2));
        Path out = root().resolve("out");

        int code = enhance(in.toString(), out.toString(), "--model", "linear-x2");

        assertEquals(errText(), 1, code);
        assertEquals("two outputs, no partial file", List.of("a.jpg", "b.jpg"), filesUnder(out));
        List<String> failures = errLines().stream().filter(l -> l.startsWith("failed ")).toList();
        assertEquals(errText(), 1, failures.size());
        assertTrue(failures.get(0), failures.get(0).contains("c.jpg") && failures.get(0).contains("truncated JPEG"));
        assertTrue(errText(), errLines().get(errLines().size() - 1).startsWith("enhance: 2 done, 0 skipped, 1 failed"));
        assertTrue("a progress bar per photo and for the batch: " + errText(), errText().contains("2/3 [")
                && errText().contains("b.jpg ["));
        BufferedImage a = ImageIO.read(out.resolve("a.jpg").toFile());
        assertEquals(96, a.getWidth());
        assertEquals(80, a.getHeight());
    }

    @Test
    public void folderIsMirroredRecursivelyAndPngStaysPng() throws Exception {
        Path in = root().resolve("album");
        photo(in.resolve("x.jpg"), 1);
        photo(in.resolve("2025/summer/y.png"), 2);
        Files.writeString(in.resolve("notes.txt"), "not a photo");
        Path out = root().resolve("big");

        assertEquals(errText(), 0, enhance(in.toString(), out.toString(), "--model", "linear-x2"));

        assertEquals(List.of("2025/summer/y.png", "x.jpg"), filesUnder(out));
        assertEquals(96, ImageIO.read(out.resolve("2025/summer/y.png").toFile()).getWidth());
    }

    @Test
    public void heicInputIsNamedWithWhatToDo() throws Exception {
        // the first box of an iPhone photo: ftyp, major brand heic, compatible mif1 and heic
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
        Path heic = root().resolve("IMG_0001.HEIC");
        Files.write(heic, Arrays.copyOf(head, 4096));

        int code = enhance(heic.toString(), root().resolve("out.jpg").toString());

        assertEquals(errText(), 1, code);
        String failure = errLines().stream().filter(l -> l.startsWith("failed ")).findFirst().orElse("");
        assertTrue(failure, failure.contains("HEIC/HEIF") && failure.contains("convert it to JPEG"));
        assertFalse(Files.exists(root().resolve("out.jpg")));
    }

    @Test
    public void detailBlendsTheRealPhotoModel() throws Exception {
        Path in = photo(root().resolve("p.jpg"), 4);
        Path natural = root().resolve("natural.png");
        Path crisp = root().resolve("crisp.png");
        Path shipped = root().resolve("shipped.png");

        assertEquals(errText(), 0, enhance(in.toString(), natural.toString(), "--model", "realphoto-x2", "--detail", "0",
                "--strength", "0"));
        assertTrue(errText(), errText().contains("realphoto-x2 at detail 0.0, strength 0.00,"));
        assertEquals(errText(), 0, enhance(in.toString(), crisp.toString(), "--model", "realphoto-x2", "--detail", "1",
                "--strength", "0"));
        Path shippedModel = Path.of("models", "realphoto-x2.tflite").toAbsolutePath(); // Surefire runs in ml-models/
        assertEquals(errText(), 0, enhance(in.toString(), shipped.toString(), "--model", shippedModel.toString()));

        int[] n = pixels(natural);
        assertArrayEquals("detail 0 at strength 0 is the shipped light fidelity network", pixels(shipped), n);
        int[] c = pixels(crisp);
        long differing = java.util.stream.IntStream.range(0, n.length).filter(i -> n[i] != c[i]).count();
        assertTrue("detail 1 changes the picture: " + differing, differing > n.length / 10);

        assertEquals(2, enhance(in.toString(), root().resolve("f.png").toString(), "--model", "fast-x2", "--detail", "0.5"));
        assertTrue(errText(), errText().contains("--detail applies to a real-photo model"));
        assertEquals(2, enhance(in.toString(), root().resolve("f.png").toString(), "--model", "realphoto-x2", "--detail", "1.5"));
    }

    @Test
    public void strengthIsEstimatedPerPhotoUnlessGiven() throws Exception {
        Path clean = photo(root().resolve("clean.png"), 4);
        Path noisy = root().resolve("noisy.png");
        BufferedImage image = ImageIO.read(clean.toFile());
        java.util.Random random = new java.util.Random(14);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int q = 0xff000000;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int v = (int) Math.round(((p >> shift) & 0xff) + 24 * random.nextGaussian());
                    q |= Math.max(0, Math.min(255, v)) << shift;
                }
                image.setRGB(x, y, q);
            }
        }
        ImageIO.write(image, "png", noisy.toFile());

        for (String model : List.of("realphoto-x2", "realphoto-x4")) { // both ship light, heavy and detail weights
            Path auto = root().resolve(model + "-auto.png");
            Path fixed = root().resolve(model + "-fixed.png");
            assertEquals(errText(), 0, enhance(noisy.toString(), auto.toString(), "--model", model));
            Matcher chosen = Pattern.compile(model + " at detail [0-9.]+, strength ([0-9.]+) \\(auto: JPEG none, noise σ ([0-9.]+)")
                    .matcher(errText());
            assertTrue(errText(), chosen.find());
            assertTrue(errText(), Double.parseDouble(chosen.group(2)) > 16 && Float.parseFloat(chosen.group(1)) == 1f);

            assertEquals(errText(), 0, enhance(noisy.toString(), fixed.toString(), "--model", model, "--strength", "0.25"));
            assertTrue(errText(), errText().contains("strength 0.25,") && !errText().contains("auto:"));
            assertFalse(model + ": the heavy weights change the picture", Arrays.equals(pixels(auto), pixels(fixed)));
        }

        assertEquals(2, enhance(clean.toString(), root().resolve("f.png").toString(), "--model", "realphoto-x2",
                "--strength", "much"));
        assertTrue(errText(), errText().contains("--strength must be auto or 0..1"));
        assertEquals(2, enhance(clean.toString(), root().resolve("f.png").toString(), "--model", "fast-x2",
                "--strength", "0.5"));
    }

    @Test
    public void aPhotoCompressedAtQ80WithNoiseIsCleanedAtAnIntermediateStrength() throws Exception {
        Random random = new Random(80);
        io.clarity.engine.image.ArgbImage image = new io.clarity.engine.image.ArgbImage(96, 80);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int p = 0xff000000;
                for (int c = 0; c < 3; c++) {
                    double v = 60 + 1.5 * x + 0.8 * y + 30 * c + 4 * random.nextGaussian();
                    p |= (int) Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * c);
                }
                image.set(x, y, p);
            }
        }
        Path in = root().resolve("shared-once.jpg");
        Files.createDirectories(in.getParent());
        Files.write(in, io.clarity.models.train.RealisticDegradation.jpegBytes(image, 80));

        assertEquals(errText(), 0, enhance(in.toString(), root().resolve("auto.png").toString(), "--model", "realphoto-x2"));
        Matcher auto = Pattern.compile("strength ([0-9.]+) \\(auto: JPEG q80,").matcher(errText());
        assertTrue(errText(), auto.find());
        float s = Float.parseFloat(auto.group(1));
        assertTrue("neither the light nor the heavy end: " + errText(), s > 0.1f && s < 0.6f);
    }

    private static int[] pixels(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    public void existingOutputIsSkippedUnlessOverwrite() throws Exception {
        Path in = photo(root().resolve("p.jpg"), 5);
        Path out = root().resolve("p-x2.jpg");
        Files.writeString(out, "an earlier result");
        FileTime before = Files.getLastModifiedTime(out);

        assertEquals(errText(), 0, enhance(in.toString(), out.toString(), "--model", "linear-x2"));
        assertEquals("an earlier result", Files.readString(out));
        assertEquals(before, Files.getLastModifiedTime(out));
        assertTrue(errText(), errLines().get(0).startsWith("skipped ") && errLines().get(0).contains("--overwrite"));
        assertTrue(errText(), errText().contains("0 done, 1 skipped, 0 failed"));

        assertEquals(errText(), 0, enhance(in.toString(), out.toString(), "--model", "linear-x2", "--overwrite"));
        assertEquals(96, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    public void listModelsPrintsTheCardsMeasuredQuality() {
        assertEquals(0, enhance("--list-models"));
        ShippedModels.Entry measured = BundledModels.catalog().find("fast-x2").orElseThrow();
        String fast = Arrays.stream(outText().split("\n")).filter(l -> l.startsWith("fast-x2 ")).findFirst().orElse("");
        assertTrue(outText(), fast.contains(twoDecimals(measured.set5())) && fast.contains(twoDecimals(measured.set14()))
                && fast.contains("default for x2"));
        for (String model : List.of("realphoto-x2 ", "realphoto-x4 ")) {
            String realphoto = Arrays.stream(outText().split("\n")).filter(l -> l.startsWith(model)).findFirst().orElse("");
            assertTrue(outText(), realphoto.contains("--detail") && realphoto.contains("--strength auto"));
        }
        String int8 = Arrays.stream(outText().split("\n")).filter(l -> l.startsWith("fast-x2-int8 ")).findFirst().orElse("");
        assertTrue(outText(), int8.contains(twoDecimals(measured.set5Int8())));
    }

    private static String twoDecimals(double db) {
        return String.format(Locale.ROOT, "%.2f", db);
    }

    @Test
    public void licensesPrintsOursThenEveryLibrarysNotice() {
        assertEquals(errText(), 0, enhance("--licenses"));
        assertTrue(outText().contains("Apache License") && outText().contains("Version 2.0, January 2004"));
        assertTrue(outText(), outText().contains("info.picocli:picocli:4.7.7") && outText().contains("ai.djl.tflite:tflite-engine"));
        assertFalse("our own modules are under LICENSE", outText().contains("io.clarity:clarity-engine"));
    }

    @Test
    public void upscalesPhotoX2WithProgressIntoDecodableJpegKeepingExif() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout", data.isPresent());
        Path in = data.get().resolve("train").resolve("photos").resolve("Aqua.jpg");
        assumeTrue(in + " missing", Files.isRegularFile(in));
        Path out = root().resolve("aqua-x2.jpg");
        // the linear model keeps this 2560x1600 run quick
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
            String chosen = BundledModels.defaultModel(scale);
            ShippedModels.Entry best = catalog.find(chosen).orElseThrow();
            assertNotNull(chosen + " ships in the jar", Enhance.class.getResource("/models/" + chosen + ".tflite"));
            for (ShippedModels.Entry e : catalog.entries()) {
                if (e.scale() == scale && e.channels() == ModelSpec.Channels.Y) {
                    assertTrue(chosen + " measures at least " + e.id(), best.measuredPsnr() >= e.measuredPsnr());
                }
            }
        }
        assertEquals("fast-x2", BundledModels.defaultModel(2));
        assertEquals("fast-x4", BundledModels.defaultModel(4));
        try {
            BundledModels.defaultModel(5);
            fail("no x5 model ships");
        } catch (IllegalArgumentException e) {
            assertEquals("no bundled model upscales x5", e.getMessage());
        }
    }

    private void assertFailsCleanly(Path in) throws Exception {
        Path out = root().resolve("out.jpg");
        int code = enhance(in.toString(), out.toString());
        System.out.println(in.getFileName() + " -> exit " + code + ": " + errLines());
        assertEquals(1, code);
        List<String> lines = errLines();
        assertEquals("a failure line and the summary: " + lines, 2, lines.size());
        assertTrue(lines.get(0), lines.get(0).startsWith("failed " + in + ": "));
        try (Stream<Path> left = Files.list(root())) {
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
        byte[] full = Files.readAllBytes(photo(root().resolve("whole.jpg"), 6));
        Path cut = temp.newFile("cut.jpg").toPath();
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertFailsCleanly(cut);
    }

    @Test
    public void missingFileFailsWithOneLineAndNoOutput() throws Exception {
        assertFailsCleanly(root().resolve("does-not-exist.jpg"));
    }

    @Test
    public void badArgumentsAreUsageErrors() {
        assertEquals(2, enhance("a.jpg", "b.jpg", "--colour", "red"));
        assertTrue(errText(), errText().startsWith("enhance: Unknown option: '--colour'"));
        assertEquals(2, enhance("a.jpg"));
        assertEquals(2, enhance("a.jpg", "b.jpg", "--quality", "101"));
        assertEquals(2, enhance("a.jpg", "b.jpg", "--model", "no-such-model"));
        assertEquals(2, enhance("a.jpg", "b.jpg", "--model", "fast-x2", "--scale", "4"));
    }
}
