package io.clarity.engine.metadata;

import io.clarity.engine.io.UltraHdrTest;
import org.junit.BeforeClass;
import org.junit.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * exiftool (Debian libimage-exiftool-perl, which .ci/run installs) validates what our writers make from each
 * kind of input: no warning and no error. Skipped where exiftool is not installed.
 */
public class ExiftoolTest {
    private static boolean installed;

    @BeforeClass
    public static void findExiftool() {
        try {
            Process p = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
            installed = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
    }

    /** A complete camera block: every tag exiftool's validation requires of a JPEG's EXIF. */
    private static Exif complete(ByteOrder order, int orientation) {
        return ExifSamples.camera(order, orientation)
                .without(Exif.Ifd.EXIF, Exif.TAG_MAKER_NOTE) // the sample's is seven made-up bytes
                .with(Exif.Ifd.MAIN, TiffEntry.rationals(0x011B, 72, 1))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(0x0128, 2))
                .with(Exif.Ifd.MAIN, TiffEntry.shortValue(0x0213, 1))
                .with(Exif.Ifd.EXIF, TiffEntry.undefined(0x9000, "0232".getBytes(StandardCharsets.US_ASCII)))
                .with(Exif.Ifd.EXIF, TiffEntry.undefined(0x9101, new byte[] {1, 2, 3, 0}))
                .with(Exif.Ifd.EXIF, TiffEntry.undefined(0xA000, "0100".getBytes(StandardCharsets.US_ASCII)))
                .with(Exif.Ifd.EXIF, TiffEntry.shortValue(0xA001, 1))
                .with(Exif.Ifd.GPS, new TiffEntry(0x0000, TiffEntry.BYTE, 4, new byte[] {2, 3, 0, 0}));
    }

    @Test
    public void ourOutputsValidateWithoutWarnings() throws Exception {
        assumeTrue("exiftool is not installed", installed);
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PhotoMetadata camera = new PhotoMetadata(complete(ByteOrder.LITTLE_ENDIAN, 6), icc)
                .withXmp(Xmp.parse(XmpTest.CAMERA))
                .withAppSegments(Collections.singletonList(new AppSegment(0xEC,
                        "[picture info]\nShutter=10\n".getBytes(StandardCharsets.US_ASCII))));
        byte[] cameraJpeg = CarryOverTest.jpeg(camera, 32, 24);
        PhotoMetadata fromJpeg = PhotoMetadataReader.read(new ByteArrayInputStream(cameraJpeg));
        PhotoMetadata fromUltraHdr = PhotoMetadataReader.read(new ByteArrayInputStream(
                UltraHdrTest.ultraHdr(64, 48, 16, 12, complete(ByteOrder.LITTLE_ENDIAN, 6))));
        PhotoMetadata fromHeif = PhotoMetadataReader.read(new ByteArrayInputStream(HeifReaderTest.heif(
                complete(ByteOrder.BIG_ENDIAN, 1).toTiffBytes(), XmpTest.CAMERA.getBytes(StandardCharsets.UTF_8),
                false)));
        Path dir = Files.createTempDirectory("clarity-exiftool");
        try {
            List<File> files = new ArrayList<>();
            files.add(write(dir, "jpeg.jpg", CarryOverTest.jpeg(fromJpeg.forOutput(48, 64, true), 48, 64)));
            files.add(write(dir, "jpeg.png", CarryOverTest.png(fromJpeg.forOutput(48, 64, true), 48, 64)));
            files.add(write(dir, "ultrahdr.jpg", CarryOverTest.jpeg(fromUltraHdr.forOutput(96, 128, true), 96, 128)));
            files.add(write(dir, "heif.jpg", CarryOverTest.jpeg(fromHeif.forOutput(64, 48, true), 64, 48)));
            files.add(write(dir, "heif.png", CarryOverTest.png(fromHeif.forOutput(64, 48, true), 64, 48)));
            for (File f : files) {
                String report = exiftool("-validate", "-warning", "-error", "-a", f.getPath());
                assertEquals(f.getName() + ":\n" + report, "Validate                        : OK", report.trim());
            }
            String gainMap = exiftool("-a", "-s3", "-MPImageType", dir.resolve("ultrahdr.jpg")
                    .toString());
            assertTrue(gainMap, gainMap.contains("Baseline MP Primary Image") && gainMap.contains("Undefined"));
        } finally {
            for (File f : dir.toFile().listFiles()) {
                Files.delete(f.toPath());
            }
            Files.delete(dir);
        }
    }

    private static File write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toFile();
    }

    private static String exiftool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("exiftool");
        Collections.addAll(command, args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = readAll(p);
        assertTrue("exiftool timed out", p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(Process p) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = p.getInputStream().read(buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
