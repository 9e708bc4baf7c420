package io.clarity.app.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.net.Uri;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteOrder;

/**
 * A share leaves the location out when Settings say so, and hands over the picture itself otherwise. At API 35, in a
 * sandbox of its own: FileProvider caches its roots in a static map per authority, resolved against the first test's
 * data folder, which would then refuse MainActivityTest's capture file (each test gets a new folder).
 */
@RunWith(AndroidJUnit4.class)
@Config(sdk = 35)
public class SharedCopiesTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    private Uri picture(boolean located) throws Exception {
        Exif exif = Exif.empty(ByteOrder.BIG_ENDIAN).with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity"));
        if (located) {
            exif = exif.with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "N"))
                    .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LATITUDE, 52, 1, 31, 1, 1234, 100));
        }
        File file = new File(context.getFilesDir(), located ? "located.jpg" : "plain.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 90,
                StreamingJpegWriter.Subsampling.YUV420, new PhotoMetadata(exif, null));
        writer.start(16, 16, false);
        writer.writeRows(new ArgbImage(16, 16));
        writer.finish();
        return Uri.fromFile(file);
    }

    private PhotoMetadata read(Uri uri) throws Exception {
        try (InputStream in = context.getContentResolver().openInputStream(uri)) {
            return PhotoMetadataReader.read(in);
        }
    }

    @Test
    public void aLocatedPictureIsSharedAsACopyWithoutItsLocation() throws Exception {
        Uri located = picture(true);
        assertTrue(read(located).hasLocation());
        Uri shared = SharedCopies.forSharing(context, located, "harbour-clarity.jpg", false);
        assertNotEquals(located, shared);
        assertEquals("content", shared.getScheme());
        PhotoMetadata copy = read(shared);
        assertFalse(copy.hasLocation());
        assertEquals(read(located).exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).toString(),
                copy.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE).toString());
    }

    @Test
    public void keepingTheLocationOrHavingNoneSharesThePictureItself() throws Exception {
        Uri located = picture(true);
        assertEquals(located, SharedCopies.forSharing(context, located, "a.jpg", true));
        Uri plain = picture(false);
        assertEquals(plain, SharedCopies.forSharing(context, plain, "b.jpg", false));
    }
}
