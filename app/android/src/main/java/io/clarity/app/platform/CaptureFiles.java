package io.clarity.app.platform;

import android.content.Context;
import android.net.Uri;

import androidx.core.content.FileProvider;

import java.io.File;

/** Where the system camera writes a capture: a file in cache/captures, offered through Clarity's FileProvider. */
public final class CaptureFiles {
    public static final String AUTHORITY = "io.clarity.app.files";

    private CaptureFiles() {
    }

    public static Uri newCapture(Context context) {
        File dir = new File(context.getCacheDir(), "captures");
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot create " + dir);
        }
        File file = new File(dir, "capture-" + System.currentTimeMillis() + ".jpg");
        return FileProvider.getUriForFile(context, AUTHORITY, file);
    }
}
