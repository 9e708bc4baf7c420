package io.clarity.app.platform;

import android.content.Context;
import android.net.Uri;

import androidx.core.content.FileProvider;

import java.io.File;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where the system camera writes a capture: a file in cache/captures, offered through Clarity's FileProvider. The
 * capture is the only copy of that photo (the camera app keeps none), so it lives as long as a listed job names it
 * as its input (the before side of the result) and is deleted when the capture was abandoned, the job dismissed, or
 * by {@link #sweep} once nothing names it.
 */
public final class CaptureFiles {
    public static final String AUTHORITY = "io.clarity.app.files";
    /** A capture nothing names is kept this long: the options screen may still hold it (process death). */
    static final long UNCLAIMED_MILLIS = TimeUnit.DAYS.toMillis(1);

    private CaptureFiles() {
    }

    public static Uri newCapture(Context context) {
        File dir = dir(context);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot create " + dir);
        }
        File file = new File(dir, "capture-" + System.currentTimeMillis() + ".jpg");
        return FileProvider.getUriForFile(context, AUTHORITY, file);
    }

    /** Deletes the capture behind {@code uri}; any other uri is left alone. */
    public static void delete(Context context, Uri uri) {
        String name = nameOf(uri);
        if (name != null) {
            new File(dir(context), name).delete();
        }
    }

    /** The capture's file name when {@code uri} is one of ours, else null. */
    static String nameOf(Uri uri) {
        if (uri == null || !AUTHORITY.equals(uri.getAuthority())) {
            return null;
        }
        String name = uri.getLastPathSegment();
        return name != null && name.startsWith("capture-") && name.indexOf('/') < 0 ? name : null;
    }

    /**
     * Deletes every capture that none of {@code inputs} names and that is older than a day.
     *
     * @return how many were deleted
     */
    public static int sweep(Context context, Collection<Uri> inputs, long nowMillis) {
        Set<String> keep = new HashSet<>();
        for (Uri uri : inputs) {
            String name = nameOf(uri);
            if (name != null) {
                keep.add(name);
            }
        }
        File[] files = dir(context).listFiles();
        int deleted = 0;
        if (files == null) {
            return 0;
        }
        for (File f : files) {
            if (!keep.contains(f.getName()) && nowMillis - f.lastModified() > UNCLAIMED_MILLIS && f.delete()) {
                deleted++;
            }
        }
        return deleted;
    }

    private static File dir(Context context) {
        return new File(context.getCacheDir(), "captures");
    }
}
