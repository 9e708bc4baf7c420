package io.clarity.app.platform;

import android.content.ContentProvider;
import android.content.ContentValues;
import android.database.Cursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;

import java.io.File;
import java.io.FileNotFoundException;

/**
 * Another app's photos behind a read grant, as the photo picker or a share sheet hands them over: {@link #revoke}
 * ends the grant (the sharing task finished, the process restarted), and reads then fail as Android's do.
 */
public final class FakePhotoProvider extends ContentProvider {
    public static final String AUTHORITY = "io.clarity.test.photos";

    private volatile boolean revoked;

    /** The URI of {@code file} (in the app's cache dir) behind this provider. */
    public static Uri uriOf(File file) {
        return new Uri.Builder().scheme("content").authority(AUTHORITY).path(file.getName()).build();
    }

    public void revoke() {
        revoked = true;
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        if (revoked) {
            throw new SecurityException("Permission Denial: reading " + uri + " requires a grant that has ended");
        }
        return ParcelFileDescriptor.open(new File(getContext().getCacheDir(), uri.getLastPathSegment()),
                ParcelFileDescriptor.MODE_READ_ONLY);
    }

    @Override
    public boolean onCreate() {
        return true;
    }

    @Override
    public Cursor query(Uri uri, String[] projection, String selection, String[] args, String sort) {
        return null;
    }

    @Override
    public String getType(Uri uri) {
        return "image/jpeg";
    }

    @Override
    public Uri insert(Uri uri, ContentValues values) {
        return null;
    }

    @Override
    public int delete(Uri uri, String selection, String[] args) {
        return 0;
    }

    @Override
    public int update(Uri uri, ContentValues values, String selection, String[] args) {
        return 0;
    }
}
