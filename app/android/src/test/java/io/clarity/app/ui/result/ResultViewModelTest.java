package io.clarity.app.ui.result;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.ContentValues;
import android.content.Intent;
import android.net.Uri;
import android.os.Looper;
import android.provider.MediaStore;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.lifecycle.SavedStateHandle;
import androidx.work.testing.WorkManagerTestInitHelper;

import io.clarity.app.data.AppSettings;
import io.clarity.app.data.FakeEnhanceJobs;
import io.clarity.app.data.JobStatus;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.platform.FakeMediaStore;
import io.clarity.app.platform.MediaStoreOutputTarget;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;

import java.io.OutputStream;
import java.nio.file.Files;

@RunWith(AndroidJUnit4.class)
public class ResultViewModelTest {
    private static final byte[] BYTES = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};

    private Application app;
    private FakeMediaStore media;
    private ResultViewModel vm;
    private Uri picture;

    @Before
    public void setUp() throws Exception {
        app = ApplicationProvider.getApplicationContext();
        WorkManagerTestInitHelper.initializeTestWorkManager(app);
        media = Robolectric.setupContentProvider(FakeMediaStore.class, FakeMediaStore.AUTHORITY);
        ContentValues values = new ContentValues();
        values.put(MediaStore.MediaColumns.DISPLAY_NAME, "dunes-clarity.jpg");
        values.put(MediaStore.MediaColumns.MIME_TYPE, "image/jpeg");
        picture = app.getContentResolver().insert(MediaStoreOutputTarget.imagesCollection(), values);
        try (OutputStream out = app.getContentResolver().openOutputStream(picture, "w")) {
            out.write(BYTES);
        }
        vm = new ResultViewModel(app, new SavedStateHandle(), new FakeEnhanceJobs(), Runnable::run);
    }

    @Test
    @SuppressWarnings("deprecation")
    public void sharesAndSavesThePictureUnderItsNameAndType() {
        vm.show(null, picture);
        ResultUiState state = vm.getUiState().getValue();
        assertTrue(state.isReady());
        assertNull("no listed job made it (dismissed): no known input", state.getBefore());
        new SettingsStore(app).write(AppSettings.DEFAULTS.withLocationInShared(true)); // the picture itself
        Intent[] chooser = new Intent[1];
        vm.share(intent -> chooser[0] = intent);
        shadowOf(Looper.getMainLooper()).idle();
        Intent send = chooser[0].getParcelableExtra(Intent.EXTRA_INTENT);
        assertEquals(picture, send.getParcelableExtra(Intent.EXTRA_STREAM));
        assertEquals("image/jpeg", send.getType());
        Intent save = vm.saveIntent();
        assertEquals(Intent.ACTION_CREATE_DOCUMENT, save.getAction());
        assertEquals("dunes-clarity.jpg", save.getStringExtra(Intent.EXTRA_TITLE));
    }

    @Test
    public void savingACopyWritesTheSameBytesAndSaysSoOnce() throws Exception {
        vm.show(null, picture);
        Uri destination = app.getContentResolver().insert(MediaStoreOutputTarget.imagesCollection(), new ContentValues());
        vm.onSaveLocationChosen(destination);
        shadowOf(Looper.getMainLooper()).idle();
        assertArrayEquals(BYTES, Files.readAllBytes(media.fileOf(destination).toPath()));
        assertEquals(ResultUiState.Notice.SAVED, vm.getUiState().getValue().getNotice());
        vm.onNoticeShown();
        assertEquals(ResultUiState.Notice.NONE, vm.getUiState().getValue().getNotice());
    }

    @Test
    public void aCopyThatCannotBeWrittenSaysSo() {
        vm.show(null, picture);
        vm.onSaveLocationChosen(Uri.fromFile(new java.io.File(app.getCacheDir(), "no-such-folder/copy.jpg")));
        shadowOf(Looper.getMainLooper()).idle();
        assertEquals(ResultUiState.Notice.SAVE_FAILED, vm.getUiState().getValue().getNotice());
    }

    @Test
    public void aShareWithoutLocationThatCannotBeMadeSaysSoAndSharesNothing() {
        vm.show(null, Uri.fromFile(new java.io.File(app.getCacheDir(), "gone-clarity.jpg"))); // deleted since
        Intent[] chooser = new Intent[1];
        vm.share(intent -> chooser[0] = intent); // Settings' default: shared copies leave the location out
        shadowOf(Looper.getMainLooper()).idle();
        assertNull("the original, location and all, is never shared in its place", chooser[0]);
        assertEquals(ResultUiState.Notice.SHARE_FAILED, vm.getUiState().getValue().getNotice());
    }

    @Test
    public void aRecentResultShowsThePhotoItsListedJobStartedFrom() {
        FakeEnhanceJobs jobs = new FakeEnhanceJobs();
        Uri input = Uri.parse("content://media/picker/0/42");
        jobs.statuses.setValue(java.util.Collections.singletonList(new JobStatus(java.util.UUID.randomUUID(),
                "dunes-clarity.jpg", JobStatus.State.DONE, 0, 0, -1, input, picture, 64, 48, "CPU", 3.0, null, null)));
        ResultViewModel recent = new ResultViewModel(app, new SavedStateHandle(), jobs, Runnable::run);
        recent.getUiState().observeForever(s -> { });
        recent.show(null, picture);
        ResultUiState state = recent.getUiState().getValue();
        assertEquals("both sides, as when opened from the job", input, state.getBefore());
        assertEquals(picture, state.getAfter());
        assertEquals(64, state.getJob().getWidth());
    }

    @Test
    public void dividerIsClampedToTheImage() {
        vm.show(null, picture);
        vm.onSplitChanged(1.7f);
        assertEquals(1f, vm.getUiState().getValue().getSplit(), 0f);
        vm.onSplitChanged(-3f);
        assertEquals(0f, vm.getUiState().getValue().getSplit(), 0f);
    }

    @Test
    public void noPictureYetMeansNothingToShareOrSave() {
        vm.show(java.util.UUID.randomUUID(), null);
        Intent[] chooser = new Intent[1];
        vm.share(intent -> chooser[0] = intent);
        shadowOf(Looper.getMainLooper()).idle();
        assertNull(chooser[0]);
        assertNull(vm.saveIntent());
        assertFalse(vm.getUiState().getValue().isReady());
    }
}
