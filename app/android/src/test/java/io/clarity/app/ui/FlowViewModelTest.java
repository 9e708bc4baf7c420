package io.clarity.app.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import android.net.Uri;
import android.os.Bundle;

import androidx.lifecycle.SavedStateHandle;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Runs under Robolectric for Uri and Parcel: the screen goes through the saved state as a phone would keep it. */
@RunWith(AndroidJUnit4.class)
public class FlowViewModelTest {
    private static FlowViewModel afterProcessDeath(SavedStateHandle saved) {
        Bundle kept = saved.savedStateProvider().saveState();
        android.os.Parcel parcel = android.os.Parcel.obtain();
        kept.writeToParcel(parcel, 0);
        parcel.setDataPosition(0);
        Bundle back = Bundle.CREATOR.createFromParcel(parcel);
        back.setClassLoader(Screen.class.getClassLoader());
        parcel.recycle();
        return new FlowViewModel(SavedStateHandle.createHandle(back, null));
    }

    @Test
    public void theScreenAndItsPhotosComeBackAfterProcessDeath() {
        SavedStateHandle saved = new SavedStateHandle();
        FlowViewModel flow = new FlowViewModel(saved);
        List<Uri> photos = Arrays.asList(Uri.parse("content://gallery/1"), Uri.parse("content://gallery/2"));
        flow.onPhotosChosen(photos);
        Screen back = afterProcessDeath(saved).getScreen().getValue();
        assertEquals(Screen.Kind.OPTIONS, back.getKind());
        assertEquals(photos, back.getPhotos());
        assertEquals(flow.getScreen().getValue().getBatch(), back.getBatch());

        UUID job = UUID.randomUUID();
        flow.onOpenJob(job);
        assertEquals("the followed job comes back too", job, afterProcessDeath(saved).getScreen().getValue().getWorkId());
    }

    @Test
    public void everyChoiceOfPhotosIsANewBatch() {
        FlowViewModel flow = new FlowViewModel(new SavedStateHandle());
        flow.onPhotosChosen(Collections.singletonList(Uri.parse("content://gallery/1")));
        int first = flow.getScreen().getValue().getBatch();
        flow.onBack();
        flow.onOpenJob(UUID.randomUUID());
        flow.onPhotosChosen(Collections.singletonList(Uri.parse("content://gallery/1")));
        assertNotEquals("even the same photo again gets fresh options", first, flow.getScreen().getValue().getBatch());
    }
}
