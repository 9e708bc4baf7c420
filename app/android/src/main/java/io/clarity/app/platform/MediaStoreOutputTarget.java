package io.clarity.app.platform;

import android.content.ContentResolver;
import android.content.ContentUris;
import android.content.ContentValues;
import android.database.Cursor;
import android.net.Uri;
import android.os.Build;
import android.os.Bundle;
import android.os.Environment;
import android.os.ParcelFileDescriptor;
import android.provider.MediaStore;
import android.util.Log;

import io.clarity.engine.io.OutputTarget;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A new picture under Pictures/Clarity that nobody sees until it is complete. From API 29 it is a pending
 * MediaStore item (IS_PENDING = 1, invisible to other apps) published on commit; discard deletes the row and its
 * file. Before API 29 there is no IS_PENDING, and a row's file is visible while it grows: the picture is written
 * into app storage ({@code staging}) and moved into Pictures/Clarity, then inserted, only once complete.
 * A process killed mid-write leaves a pending row (29+) or a staging file (26–28); {@link #sweep} removes both
 * before the next job, so a restarted job gets its own name back instead of "name (1)".
 */
public final class MediaStoreOutputTarget implements OutputTarget {
    private static final String TAG = "MediaStoreOutput";
    public static final String RELATIVE_PATH = "Pictures/Clarity/";
    private static final String PART = ".part";

    private final ContentResolver resolver;
    private final Uri collection;
    private final String displayName;
    private final String mimeType;
    private final File staging;
    private Uri item;
    private File part;

    /** @param staging app-private folder for pictures in progress before API 29 */
    public MediaStoreOutputTarget(ContentResolver resolver, Uri collection, String displayName, String mimeType,
                                  File staging) {
        this.resolver = resolver;
        this.collection = collection;
        this.displayName = displayName;
        this.mimeType = mimeType;
        this.staging = staging;
    }

    /** The primary external images collection. */
    public static Uri imagesCollection() {
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q
                ? MediaStore.Images.Media.getContentUri(MediaStore.VOLUME_EXTERNAL_PRIMARY)
                : MediaStore.Images.Media.EXTERNAL_CONTENT_URI;
    }

    /**
     * Deletes what a killed job left: Clarity's own pending rows (only the owner sees its pending items) or the
     * staging files. Call it when no job is writing: jobs run one at a time, so at a job's start all are stale.
     *
     * @return how many were removed
     */
    public static int sweep(ContentResolver resolver, Uri collection, File staging) {
        int removed = 0;
        File[] parts = staging.listFiles((dir, name) -> name.endsWith(PART));
        if (parts != null) {
            for (File f : parts) {
                removed += f.isFile() && f.delete() ? 1 : 0;
            }
        }
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.Q) {
            return removed;
        }
        String selection = MediaStore.MediaColumns.RELATIVE_PATH + " = ? AND " + MediaStore.MediaColumns.IS_PENDING + " = 1";
        String[] args = {RELATIVE_PATH};
        String[] projection = {MediaStore.MediaColumns._ID};
        List<Uri> stale = new ArrayList<>();
        try (Cursor c = queryIncludingPending(resolver, collection, projection, selection, args)) {
            while (c != null && c.moveToNext()) {
                stale.add(ContentUris.withAppendedId(collection, c.getLong(0)));
            }
        } catch (RuntimeException e) {
            Log.w(TAG, "cannot look for stale pending pictures", e);
        }
        for (Uri uri : stale) {
            try {
                removed += resolver.delete(uri, null, null);
            } catch (RuntimeException e) {
                Log.w(TAG, "cannot delete stale " + uri, e);
            }
        }
        return removed;
    }

    @SuppressWarnings("deprecation")
    private static Cursor queryIncludingPending(ContentResolver resolver, Uri collection, String[] projection,
                                                String selection, String[] args) {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
            Bundle query = new Bundle();
            query.putString(ContentResolver.QUERY_ARG_SQL_SELECTION, selection);
            query.putStringArray(ContentResolver.QUERY_ARG_SQL_SELECTION_ARGS, args);
            query.putInt(MediaStore.QUERY_ARG_MATCH_PENDING, MediaStore.MATCH_INCLUDE);
            return resolver.query(collection, projection, query, null);
        }
        return resolver.query(MediaStore.setIncludePending(collection), projection, selection, args, null);
    }

    @Override
    public OutputStream open() throws IOException {
        if (item != null || part != null) {
            throw new IllegalStateException("already opened");
        }
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.Q) {
            if (!staging.isDirectory() && !staging.mkdirs()) {
                throw new IOException("cannot create " + staging);
            }
            part = new File(staging, displayName + PART);
            return new BufferedOutputStream(new FileOutputStream(part), 1 << 16);
        }
        ContentValues values = new ContentValues();
        values.put(MediaStore.MediaColumns.DISPLAY_NAME, displayName);
        values.put(MediaStore.MediaColumns.MIME_TYPE, mimeType);
        values.put(MediaStore.MediaColumns.RELATIVE_PATH, RELATIVE_PATH);
        values.put(MediaStore.MediaColumns.IS_PENDING, 1);
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
        if (part != null) {
            try (RandomAccessFile file = new RandomAccessFile(part, "rw")) {
                file.seek(position);
                file.write(bytes);
            }
            return;
        }
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
        if (part != null) {
            publishLegacy();
            return;
        }
        if (item == null) {
            throw new IllegalStateException("nothing written");
        }
        ContentValues values = new ContentValues();
        values.put(MediaStore.MediaColumns.IS_PENDING, 0);
        if (resolver.update(item, values, null, null) != 1) {
            discard();
            throw new IOException("could not publish " + displayName);
        }
    }

    /** Moves the complete staging file into Pictures/Clarity under a free name, then tells MediaStore. */
    private void publishLegacy() throws IOException {
        File dir = legacyDir();
        File target = freeName(dir);
        try {
            if (!part.renameTo(target)) {
                copy(part, target); // another volume: app storage on internal, Pictures on an SD card
                part.delete();
            }
            ContentValues values = new ContentValues();
            values.put(MediaStore.MediaColumns.DISPLAY_NAME, target.getName());
            values.put(MediaStore.MediaColumns.MIME_TYPE, mimeType);
            values.put(MediaStore.MediaColumns.DATA, target.getAbsolutePath());
            item = resolver.insert(collection, values);
            if (item == null) {
                throw new IOException("MediaStore refused " + target);
            }
            part = null;
        } catch (IOException | RuntimeException e) {
            target.delete();
            discard();
            throw e;
        }
    }

    private File freeName(File dir) {
        File f = new File(dir, displayName);
        int dot = displayName.lastIndexOf('.');
        String stem = dot > 0 ? displayName.substring(0, dot) : displayName;
        String ext = dot > 0 ? displayName.substring(dot) : "";
        for (int n = 1; f.exists(); n++) {
            f = new File(dir, stem + " (" + n + ")" + ext);
        }
        return f;
    }

    private static void copy(File from, File to) throws IOException {
        try (InputStream in = new FileInputStream(from); OutputStream out = new FileOutputStream(to)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    @Override
    public void discard() {
        if (part != null) {
            part.delete();
            part = null;
        }
        if (item != null) {
            try {
                resolver.delete(item, null, null);
            } catch (RuntimeException e) {
                Log.w(TAG, "cannot delete " + item + "; the next job's sweep will", e);
            }
            item = null;
        }
    }

    @SuppressWarnings("deprecation")
    private static File legacyDir() throws IOException {
        File dir = new File(Environment.getExternalStoragePublicDirectory(Environment.DIRECTORY_PICTURES), "Clarity");
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        return dir;
    }

    /** The published picture, once committed. */
    public Uri uri() {
        return item;
    }
}
