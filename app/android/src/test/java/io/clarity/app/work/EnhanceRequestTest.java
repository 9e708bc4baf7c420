package io.clarity.app.work;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import android.net.Uri;

import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.work.Data;

import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class EnhanceRequestTest {
    private static final Uri PHOTO = Uri.parse("content://media/external/images/media/7");

    private static EnhanceRequest request(float strength) {
        return new EnhanceRequest(PHOTO, "realphoto-x2-fp16", EnhanceRequest.Format.PNG, 90, "dunes-clarity", strength);
    }

    @Test
    public void roundTripsThroughWorkManagerData() {
        EnhanceRequest back = EnhanceRequest.fromData(request(0.35f).toData());
        assertEquals(0.35f, back.detailStrength(), 0f);
        assertEquals(PHOTO, back.input());
        assertEquals("realphoto-x2-fp16", back.modelId());
        assertEquals(EnhanceRequest.Format.PNG, back.format());
        assertEquals(90, back.jpegQuality());
        assertEquals("dunes-clarity", back.fileName());
        assertEquals(1f, EnhanceRequest.fromData(request(1f).toData()).detailStrength(), 0f);
    }

    @Test
    public void refusesAStrengthOutsideZeroToOne() {
        for (float bad : new float[] {-0.05f, 1.05f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThrows(String.valueOf(bad), IllegalArgumentException.class, () -> request(bad));
        }
        Data tampered = new Data.Builder().putAll(request(0.5f).toData())
                .putFloat(EnhanceRequest.KEY_DETAIL_STRENGTH, 2f).build();
        assertThrows(IllegalArgumentException.class, () -> EnhanceRequest.fromData(tampered));
    }

    /** Jobs enqueued before the slider existed ran the shipped network; after an update they still do. */
    @Test
    public void aRequestWithoutAStrengthRunsTheShippedNetwork() {
        Data old = new Data.Builder()
                .putString(EnhanceRequest.KEY_INPUT, PHOTO.toString())
                .putString(EnhanceRequest.KEY_MODEL, "realphoto-x2-fp16")
                .putString(EnhanceRequest.KEY_FORMAT, "JPEG")
                .putInt(EnhanceRequest.KEY_QUALITY, 95)
                .putString(EnhanceRequest.KEY_NAME, "beach-clarity")
                .build();
        assertEquals(0f, EnhanceRequest.fromData(old).detailStrength(), 0f);
    }
}
