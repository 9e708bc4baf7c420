package io.clarity.app.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.content.ClipData;
import android.content.Intent;
import android.net.Uri;

import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.util.ArrayList;
import java.util.Arrays;

@RunWith(AndroidJUnit4.class)
public class SharedPhotosTest {
    private static final Uri A = Uri.parse("content://gallery/photos/1");
    private static final Uri B = Uri.parse("content://gallery/photos/2");

    @Test
    public void sendCarriesOnePhoto() {
        Intent send = new Intent(Intent.ACTION_SEND).setType("image/jpeg").putExtra(Intent.EXTRA_STREAM, A);
        assertEquals(Arrays.asList(A), SharedPhotos.from(send));
    }

    @Test
    public void sendMultipleCarriesThemAllInOrderWithoutDuplicates() {
        Intent send = new Intent(Intent.ACTION_SEND_MULTIPLE).setType("image/*")
                .putParcelableArrayListExtra(Intent.EXTRA_STREAM, new ArrayList<>(Arrays.asList(B, A, B)));
        assertEquals(Arrays.asList(B, A), SharedPhotos.from(send));
    }

    @Test
    public void clipDataAloneIsEnough() {
        Intent send = new Intent(Intent.ACTION_SEND).setType("image/png");
        send.setClipData(ClipData.newRawUri(null, A));
        assertEquals(Arrays.asList(A), SharedPhotos.from(send));
    }

    @Test
    public void otherIntentsAndTypesCarryNothing() {
        assertTrue(SharedPhotos.from(new Intent(Intent.ACTION_MAIN)).isEmpty());
        assertTrue(SharedPhotos.from(new Intent(Intent.ACTION_SEND).setType("text/plain")
                .putExtra(Intent.EXTRA_STREAM, A)).isEmpty());
        assertTrue(SharedPhotos.from(null).isEmpty());
    }
}
