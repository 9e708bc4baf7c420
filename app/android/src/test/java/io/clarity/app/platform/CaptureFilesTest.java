package io.clarity.app.platform;

import android.content.Context;
import android.net.Uri;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.io.File;
import java.util.Arrays;
import java.util.Collections;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Captures live while a listed job names them and go when abandoned, dismissed or unclaimed for a day. */
@RunWith(AndroidJUnit4.class)
public class CaptureFilesTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    private File fileOf(Uri capture) throws Exception {
        File dir = new File(context.getCacheDir(), "captures");
        assertTrue(dir.isDirectory() || dir.mkdirs());
        File file = new File(dir, capture.getLastPathSegment());
        assertTrue(file.createNewFile() || file.isFile());
        return file;
    }

    @Test
    public void anAbandonedCaptureIsDeletedAndOtherUrisAreLeftAlone() throws Exception {
        // Not newCapture: FileProvider caches its roots per authority across Robolectric tests, each with its own dirs.
        Uri capture = Uri.parse("content://" + CaptureFiles.AUTHORITY + "/captures/capture-42.jpg");
        File file = fileOf(capture);
        File elsewhere = new File(context.getCacheDir(), "capture-1.jpg");
        assertTrue(elsewhere.createNewFile());
        CaptureFiles.delete(context, Uri.fromFile(elsewhere));
        assertTrue("not one of ours", elsewhere.isFile());
        CaptureFiles.delete(context, capture);
        assertFalse(file.exists());
    }

    @Test
    public void theSweepKeepsNamedAndRecentCaptures() throws Exception {
        Uri named = Uri.parse("content://" + CaptureFiles.AUTHORITY + "/captures/capture-100.jpg");
        Uri unnamed = Uri.parse("content://" + CaptureFiles.AUTHORITY + "/captures/capture-200.jpg");
        Uri recent = Uri.parse("content://" + CaptureFiles.AUTHORITY + "/captures/capture-300.jpg");
        File a = fileOf(named);
        File b = fileOf(unnamed);
        File c = fileOf(recent);
        long now = System.currentTimeMillis();
        long old = now - CaptureFiles.UNCLAIMED_MILLIS - 60_000;
        assertTrue(a.setLastModified(old) && b.setLastModified(old) && c.setLastModified(now - 60_000));
        assertEquals(1, CaptureFiles.sweep(context, Arrays.asList(named, Uri.parse("content://media/1")), now));
        assertTrue("a listed job's before side", a.isFile());
        assertFalse("nothing names it", b.exists());
        assertTrue("the options screen may still hold it", c.isFile());
        assertEquals(0, CaptureFiles.sweep(context, Collections.emptyList(), now - CaptureFiles.UNCLAIMED_MILLIS));
    }
}
