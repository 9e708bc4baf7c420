package io.clarity.app.platform;

import android.content.ContentResolver;
import android.content.Context;
import android.net.Uri;
import android.util.Log;

import androidx.core.content.FileProvider;

import io.clarity.engine.metadata.LocationFreeCopy;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What a share hands to another app: the saved picture itself, or, when Settings leave location out of shared copies
 * and the picture has one, a copy without it ({@link LocationFreeCopy}) in {@code cache/shared/}, served by the app's
 * FileProvider. Only the latest copy is kept: the one before it was already handed over.
 */
public final class SharedCopies {
    private static final String TAG = "SharedCopies";
    private static final String AUTHORITY = "io.clarity.app.files";
    private static final String DIR = "shared";

    private SharedCopies() {
    }

    /** Reads and writes the whole picture: call off the main thread. Falls back to nothing shared (null) on failure. */
    public static Uri forSharing(Context context, Uri picture, String displayName, boolean keepLocation) {
        if (keepLocation) {
            return picture;
        }
        File dir = new File(context.getCacheDir(), DIR);
        File[] old = dir.listFiles();
        if (old != null) {
            for (File f : old) {
                f.delete();
            }
        }
        if (!dir.isDirectory() && !dir.mkdirs()) {
            Log.w(TAG, "cannot create " + dir);
            return null;
        }
        File copy = new File(dir, displayName.isEmpty() ? "clarity" : displayName.replace('/', '_'));
        ContentResolver resolver = context.getContentResolver();
        try (InputStream in = resolver.openInputStream(picture); OutputStream out = new FileOutputStream(copy)) {
            if (in == null) {
                throw new IOException("no data behind " + picture);
            }
            if (!LocationFreeCopy.copy(in, out)) {
                copy.delete();
                return picture; // nothing to leave out: share the picture itself
            }
        } catch (IOException e) {
            // Never share the located original in its place: the person asked for the location to stay here.
            Log.w(TAG, "cannot make a copy without location of " + picture, e);
            copy.delete();
            return null;
        }
        return FileProvider.getUriForFile(context, AUTHORITY, copy);
    }
}
