package io.clarity.app.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.content.Intent;
import android.net.Uri;

import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class ResultIntentsTest {
    private static final Uri PICTURE = Uri.parse("content://media/external/images/media/42");

    @Test
    @SuppressWarnings("deprecation")
    public void shareSendsTheContentUriWithAReadGrantThroughTheChooser() {
        Intent chooser = ResultIntents.share(PICTURE, "image/jpeg", "Share");
        assertEquals(Intent.ACTION_CHOOSER, chooser.getAction());
        Intent send = chooser.getParcelableExtra(Intent.EXTRA_INTENT);
        assertEquals(Intent.ACTION_SEND, send.getAction());
        assertEquals("image/jpeg", send.getType());
        assertEquals(PICTURE, send.getParcelableExtra(Intent.EXTRA_STREAM));
        assertTrue((send.getFlags() & Intent.FLAG_GRANT_READ_URI_PERMISSION) != 0);
        assertEquals(PICTURE, send.getClipData().getItemAt(0).getUri());
    }

    @Test
    public void saveCopyAsksTheSystemForADocumentOfTheRightTypeAndName() {
        Intent save = ResultIntents.saveCopy("beach-clarity.png", "image/png");
        assertEquals(Intent.ACTION_CREATE_DOCUMENT, save.getAction());
        assertTrue(save.hasCategory(Intent.CATEGORY_OPENABLE));
        assertEquals("image/png", save.getType());
        assertEquals("beach-clarity.png", save.getStringExtra(Intent.EXTRA_TITLE));
    }
}
