package io.clarity.app.work;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.net.Uri;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.platform.FakeMediaStore;
import io.clarity.app.platform.MediaStoreOutputTarget;
import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;
import io.clarity.engine.metadata.Xmp;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.ByteOrder;

/** The saved picture keeps the photo's location, or leaves it out of EXIF and XMP alike, as its request says. */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class SavedPictureMetadataTest {
    private Context context;
    private FakeMediaStore media;

    @Before
    public void setUp() {
        context = ApplicationProvider.getApplicationContext();
        media = Robolectric.setupContentProvider(FakeMediaStore.class, FakeMediaStore.AUTHORITY);
    }

    /** A camera photo with its location in EXIF (GPS directory) and in XMP (exif:GPSLatitude). */
    private Uri locatedPhoto() throws Exception {
        Exif exif = Exif.empty(ByteOrder.LITTLE_ENDIAN)
                .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity"))
                .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "N"))
                .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LATITUDE, 52, 1, 31, 1, 1234, 100));
        Xmp xmp = Xmp.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\">"
                + "<rdf:Description rdf:about=\"\" xmlns:exif=\"" + Xmp.NS_EXIF + "\" exif:GPSLatitude=\"52,31.2N\"/>"
                + "</rdf:RDF></x:xmpmeta>");
        File file = new File(context.getCacheDir(), "located.jpg");
        StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(file.toPath()), 95,
                StreamingJpegWriter.Subsampling.YUV444, new PhotoMetadata(exif, null).withXmp(xmp));
        writer.start(40, 24, false);
        writer.writeRows(new ArgbImage(40, 24));
        writer.finish();
        return Uri.fromFile(file);
    }

    private PhotoMetadata saved(boolean keepLocation, String name) throws Exception {
        EnhanceJob job = new EnhanceJob(context.getContentResolver(), MediaStoreOutputTarget.imagesCollection(),
                new File(context.getFilesDir(), "staging"), new FakeModelRuntime((backend, tile) -> { }),
                EnhanceOptions.defaults());
        EnhanceRequest request = new EnhanceRequest(locatedPhoto(), FakeModelRuntime.MODEL, EnhanceRequest.Format.JPEG,
                90, name, 0f).withMetadata(keepLocation, true);
        EnhanceJob.Outcome outcome = job.run(request, new RuntimeStats(), progress -> { }, new CancellationToken());
        try (InputStream in = new FileInputStream(media.fileOf(outcome.output))) {
            return PhotoMetadataReader.read(in);
        }
    }

    @Test
    public void locationIsKeptOrLeftOutAsTheRequestSays() throws Exception {
        PhotoMetadata kept = saved(true, "kept");
        assertTrue(kept.hasLocation());
        assertTrue(kept.xmp().has(Xmp.NS_EXIF, "GPSLatitude"));
        PhotoMetadata removed = saved(false, "removed");
        assertFalse(removed.hasLocation());
        assertTrue("the rest of the EXIF is carried", removed.exif().entry(Exif.Ifd.MAIN, Exif.TAG_MAKE) != null);
    }
}
