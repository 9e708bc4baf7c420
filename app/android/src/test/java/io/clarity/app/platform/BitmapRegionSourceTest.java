package io.clarity.app.platform;

import android.content.Context;
import android.graphics.Bitmap;
import android.net.Uri;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.GraphicsMode;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;

import static org.junit.Assert.assertEquals;

/**
 * The viewer's upright, sub-sampled region decoding agrees with the job's region reads (the engine's
 * {@code Orientation}) for every EXIF orientation: "before" zooms at full detail on photos stored turned.
 */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class BitmapRegionSourceTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    @Test
    public void uprightRegionsMatchTheJobsReadsForEveryOrientation() throws Exception {
        Uri uri = storedPicture(48, 32);
        for (int orientation = 1; orientation <= 8; orientation++) {
            try (BitmapRegionSource source = BitmapRegionSource.open(context.getContentResolver(), uri, orientation)) {
                boolean turned = orientation >= 5;
                assertEquals(turned ? 32 : 48, source.width());
                Region region = new Region(3, 5, 20, 14);
                ArgbImage expected = source.read(region);
                Bitmap upright = source.decodeUpright(region, 1);
                assertEquals("orientation " + orientation, 20, upright.getWidth());
                assertEquals(14, upright.getHeight());
                for (int y = 0; y < 14; y++) {
                    for (int x = 0; x < 20; x++) {
                        assertEquals("orientation " + orientation + " at " + x + "," + y,
                                Integer.toHexString(expected.get(x, y)), Integer.toHexString(upright.getPixel(x, y)));
                    }
                }
                Bitmap half = source.decodeUpright(new Region(0, 0, source.width(), source.height()), 2);
                assertEquals("sampled by 2", source.width() / 2, half.getWidth());
                assertEquals(source.height() / 2, half.getHeight());
            }
        }
    }

    /** Every pixel a different opaque colour, so any turn or flip shows. */
    private Uri storedPicture(int width, int height) throws Exception {
        Bitmap bitmap = Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bitmap.setPixel(x, y, 0xFF000000 | (x * 5) << 16 | (y * 7) << 8 | ((x + y) * 3 & 0xFF));
            }
        }
        File file = new File(context.getCacheDir(), "stored.png");
        try (OutputStream out = new FileOutputStream(file)) {
            bitmap.compress(Bitmap.CompressFormat.PNG, 100, out);
        }
        return Uri.fromFile(file);
    }
}
