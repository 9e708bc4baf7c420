package io.clarity.app.platform;

import android.content.ContentResolver;
import android.content.ContentValues;
import android.net.Uri;
import android.os.Build;
import android.os.Environment;
import android.os.ParcelFileDescriptor;
import android.provider.MediaStore;

import io.clarity.engine.io.OutputTarget;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A new picture under Pictures/Clarity, written as a pending MediaStore item (IS_PENDING = 1, invisible to
 * other apps) and published on commit; discard deletes the row and its file, so a failed or cancelled job
 * leaves nothing behind. Before API 29 there is no IS_PENDING or RELATIVE_PATH: the row names its file in
 * Pictures/Clarity (WRITE_EXTERNAL_STORAGE, asked for before the first job) and is deleted on discard.
 */
public final class MediaStoreOutputTarget implements OutputTarget {
    public static final String RELATIVE_PATH = "Pictures/Clarity/";

    private final ContentResolver resolver;
    private final Uri collection;
    private final String displayName;
    private final String mimeType;
    private Uri item;

    public MediaStoreOutputTarget(ContentResolver resolver, Uri collection, String displayName, String mimeType) {
        this.resolver = resolver;
        this.collection = collection;
        this.displayName = displayName;
        this.mimeType = mimeType;
    }

    /** The primary external images collection. */
    public static Uri imagesCollection() {
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q
                ? MediaStore.Images.Media.getContentUri(MediaStore.VOLUME_EXTERNAL_PRIMARY)
                : MediaStore.Images.Media.EXTERNAL_CONTENT_URI;
    }

    @Override
    public OutputStream open() throws IOException {
        if (item != null) {
            throw new IllegalStateException("already opened");
        }
        ContentValues values = new ContentValues();
        values.put(MediaStore.MediaColumns.DISPLAY_NAME, displayName);
        values.put(MediaStore.MediaColumns.MIME_TYPE, mimeType);
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            values.put(MediaStore.MediaColumns.RELATIVE_PATH, RELATIVE_PATH);
            values.put(MediaStore.MediaColumns.IS_PENDING, 1);
        } else {
            values.put(MediaStore.MediaColumns.DATA, legacyFile().getAbsolutePath());
        }
        item = resolver.insert(collection, values);
        if (item == null) {
            throw new IOException("MediaStore refused a new picture in " + collection);
        }
        OutputStream out;
        try {
            out = resolver.openOutputStream(item, "w");
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
        if (out == null) {
            discard();
            throw new IOException("MediaStore gave no stream for the new picture");
        }
        return new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void overwrite(long position, byte[] bytes) throws IOException {
        if (item == null) {
            throw new IllegalStateException("nothing written");
        }
        ParcelFileDescriptor opened = resolver.openFileDescriptor(item, "rw");
        if (opened == null) {
            throw new IOException("MediaStore gave no file to patch for " + displayName);
        }
        try (ParcelFileDescriptor fd = opened; FileOutputStream out = new FileOutputStream(fd.getFileDescriptor())) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = position;
            while (buffer.hasRemaining()) {
                at += out.getChannel().write(buffer, at);
            }
        }
    }

    @Override
    public void commit() throws IOException {
        if (item == null) {
            throw new IllegalStateException("nothing written");
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            ContentValues values = new ContentValues();
            values.put(MediaStore.MediaColumns.IS_PENDING, 0);
            if (resolver.update(item, values, null, null) != 1) {
                discard();
                throw new IOException("could not publish " + displayName);
            }
        }
    }

    @Override
    public void discard() {
        if (item != null) {
            try {
                resolver.delete(item, null, null);
            } catch (RuntimeException ignored) {
                // Best effort: the pending row is invisible, and the system removes stale pending items.
            }
            item = null;
        }
    }

    @SuppressWarnings("deprecation")
    private File legacyFile() throws IOException {
        File dir = new File(Environment.getExternalStoragePublicDirectory(Environment.DIRECTORY_PICTURES), "Clarity");
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        return new File(dir, displayName);
    }

    /** The published picture, once committed. */
    public Uri uri() {
        return item;
    }
}
