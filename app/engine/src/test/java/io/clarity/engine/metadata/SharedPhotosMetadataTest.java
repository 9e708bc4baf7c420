package io.clarity.engine.metadata;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.ByteArrayOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import org.junit.Assume;
import org.junit.Test;

import java.awt.color.ICC_Profile;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/** The real camera files in ../shared/data/train/photos: Canon, Sony, Olympus, Nokia, Konica Minolta EXIF. */
public class SharedPhotosMetadataTest {
    @Test
    public void everyPhotoCarriesItsExifAndIccIntoAnUprightJpeg() throws IOException {
        Path photos = sharedData().resolve("train").resolve("photos");
        int withExif = 0;
        int withIcc = 0;
        int withMakerNote = 0;
        int withXmp = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(photos, "*.jpg")) {
            for (Path photo : files) {
                PhotoMetadata in;
                try (InputStream stream = new BufferedInputStream(Files.newInputStream(photo))) {
                    in = PhotoMetadataReader.read(stream);
                }
                PhotoMetadata out = roundTrip(in.forOutput(32, 16, true));
                String name = photo.getFileName().toString();
                if (in.iccProfile() != null) {
                    withIcc++;
                    assertArrayEquals(name, in.iccProfile(), out.iccProfile());
                    assertNotNull(name, ICC_Profile.getInstance(out.iccProfile()));
                }
                if (in.exif() != null) {
                    withExif++;
                    Exif a = in.exif();
                    Exif b = out.exif();
                    assertEquals(name, 1, b.orientation());
                    assertFalse(name, b.hasThumbnail());
                    for (int tag : new int[] {Exif.TAG_MAKE, Exif.TAG_MODEL}) {
                        assertEquals(name, a.entry(Exif.Ifd.MAIN, tag), b.entry(Exif.Ifd.MAIN, tag));
                    }
                    assertEquals(name, a.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL),
                            b.entry(Exif.Ifd.EXIF, Exif.TAG_DATE_TIME_ORIGINAL));
                    assertEquals(name, a.directory(Exif.Ifd.GPS), b.directory(Exif.Ifd.GPS));
                    if (!a.directory(Exif.Ifd.EXIF).isEmpty()) {
                        assertEquals(name, 32, b.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_X_DIMENSION).unsigned(0));
                    }
                    TiffEntry note = a.entry(Exif.Ifd.EXIF, Exif.TAG_MAKER_NOTE);
                    if (note != null) {
                        withMakerNote++;
                        assertEquals(name, note, b.entry(Exif.Ifd.EXIF, Exif.TAG_MAKER_NOTE));
                        assertEquals(name, a.makerNoteOffset(), b.makerNoteOffset());
                    }
                }
                if (in.xmp() != null) {
                    withXmp++;
                    assertNotNull(name, out.xmp());
                }
                assertTrue(name + ": " + out.dropped(), out.dropped().isEmpty());
            }
        }
        assertTrue("photos with EXIF: " + withExif, withExif >= 20);
        assertTrue("photos with ICC: " + withIcc, withIcc >= 4);
        assertTrue("photos with a MakerNote: " + withMakerNote, withMakerNote >= 5);
        assertTrue("photos with XMP: " + withXmp, withXmp >= 5);
    }

    private static PhotoMetadata roundTrip(PhotoMetadata metadata) throws IOException {
        ByteArrayOutputTarget target = new ByteArrayOutputTarget();
        StreamingJpegWriter w = new StreamingJpegWriter(target, 90, StreamingJpegWriter.Subsampling.YUV420, metadata);
        w.start(32, 16, false);
        w.writeRows(new ArgbImage(32, 16));
        w.finish();
        return PhotoMetadataReader.read(new ByteArrayInputStream(target.committed()));
    }

    private static Path sharedData() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assume.assumeTrue("../shared/data not found", false);
        return null;
    }
}
