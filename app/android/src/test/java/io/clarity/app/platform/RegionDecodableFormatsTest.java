package io.clarity.app.platform;

import android.content.Context;
import android.graphics.Bitmap;
import android.graphics.BitmapRegionDecoder;
import android.net.Uri;
import android.os.Build;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import io.clarity.app.platform.RegionDecodableFormats.Format;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The capability table at the API levels it branches on (HEIF from 28), and the sniffer on real file heads. */
@RunWith(AndroidJUnit4.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(sdk = {26, 28, 36}) // 27 behaves as 26 here, and its Robolectric runtime is not among the build's
public class RegionDecodableFormatsTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    @Test
    public void heifOpensFromAndroid9AndTheRestNeverOrAlways() {
        boolean android9 = Build.VERSION.SDK_INT >= 28;
        assertEquals("HEIF at API " + Build.VERSION.SDK_INT, android9, RegionDecodableFormats.canDecode(Format.HEIF));
        for (Format f : new Format[] {Format.JPEG, Format.PNG, Format.WEBP}) {
            assertTrue(f.name(), RegionDecodableFormats.canDecode(f));
        }
        for (Format f : new Format[] {Format.GIF, Format.BMP, Format.TIFF_RAW, Format.AVIF, Format.ICO, Format.UNKNOWN}) {
            assertFalse(f.name() + " at API " + Build.VERSION.SDK_INT, RegionDecodableFormats.canDecode(f));
        }
    }

    @Test
    public void realFilesAreRecognisedAndTheTableAgreesWithTheRegionDecoder() throws Exception {
        for (Object[] c : new Object[][] {
                {Bitmap.CompressFormat.JPEG, Format.JPEG}, {Bitmap.CompressFormat.PNG, Format.PNG},
                {Bitmap.CompressFormat.WEBP, Format.WEBP}}) {
            File file = compressed((Bitmap.CompressFormat) c[0]);
            assertEquals(c[1], RegionDecodableFormats.read(context.getContentResolver(), Uri.fromFile(file)));
            try (InputStream in = new FileInputStream(file)) {
                @SuppressWarnings("deprecation")
                BitmapRegionDecoder decoder = BitmapRegionDecoder.newInstance(in, false);
                assertNotNull("the table says a job opens " + c[1], decoder);
                decoder.recycle();
            }
        }
        File gif = bytes("tiny.gif", gif());
        assertEquals(Format.GIF, RegionDecodableFormats.read(context.getContentResolver(), Uri.fromFile(gif)));
        try (InputStream in = new FileInputStream(gif)) {
            @SuppressWarnings("deprecation")
            BitmapRegionDecoder decoder = BitmapRegionDecoder.newInstance(in, false);
            if (decoder != null) {
                fail("the region decoder opened a GIF, which the table refuses");
            }
        } catch (IOException expected) {
            // "Image format not supported": why the options screen refuses GIF up front
        }
    }

    @Test
    public void headsOfTheFormatsBitmapFactoryOpensButJobsCannot() {
        assertEquals(Format.BMP, sniff("BM\u0036\u0000\u0000\u0000"));
        assertEquals(Format.TIFF_RAW, sniff("II*\u0000\u0008\u0000\u0000\u0000"));
        assertEquals(Format.TIFF_RAW, sniff("MM\u0000*\u0000\u0000\u0000\u0008"));
        assertEquals(Format.ICO, sniff("\u0000\u0000\u0001\u0000\u0001\u0000"));
        assertEquals(Format.AVIF, sniff("\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000avifmif1miaf"));
        assertEquals("AVIF listed among mif1's brands", Format.AVIF,
                sniff("\u0000\u0000\u0000\u0018ftypmif1\u0000\u0000\u0000\u0000avifmiaf"));
        assertEquals(Format.HEIF, sniff("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000mif1heic"));
        assertEquals(Format.UNKNOWN, sniff("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0000\u0000isomiso2"));
        assertEquals(Format.UNKNOWN, sniff("hello, I am text"));
        assertEquals("too short to be anything", Format.UNKNOWN, sniff("\u00ff\u00d8"));
    }

    private static Format sniff(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return RegionDecodableFormats.sniff(b, b.length);
    }

    private File compressed(Bitmap.CompressFormat format) throws IOException {
        Bitmap bitmap = Bitmap.createBitmap(16, 12, Bitmap.Config.ARGB_8888);
        bitmap.eraseColor(0xFF336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        @SuppressWarnings("deprecation")
        boolean ok = bitmap.compress(format, 90, out);
        assertTrue(ok);
        return bytes("tiny." + format.name().toLowerCase(java.util.Locale.ROOT), out.toByteArray());
    }

    private File bytes(String name, byte[] bytes) throws IOException {
        File file = new File(context.getCacheDir(), name);
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    /** A 1x1 GIF89a. */
    private static byte[] gif() {
        int[] b = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0,
                0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B};
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }
}
