package io.clarity.app.platform;

import android.content.ContentProvider;
import android.content.ContentUris;
import android.content.ContentValues;
import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;
import android.provider.MediaStore;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of MediaStore Clarity uses, for Robolectric (which has no media provider): insert a row, write its
 * file, update IS_PENDING, query (selections of {@code COLUMN = ?}, {@code COLUMN = n} and {@code COLUMN LIKE ?}
 * joined by AND; pending rows only when asked for, as MediaStore does), delete. Rows live in memory; a row's file is
 * its DATA path (before API 29) or a file in a temporary folder. {@link #diskFull} makes every new stream fail
 * with ENOSPC once its first buffer reaches the disk, as a full disk does mid-write.
 */
public final class FakeMediaStore extends ContentProvider {
    public static final String AUTHORITY = "media";

    public final Map<Long, ContentValues> rows = new LinkedHashMap<>();
    public final List<Long> deleted = new ArrayList<>();
    public int inserts;
    public volatile boolean diskFull;
    private File dir;
    private long nextId = 1;

    @Override
    public boolean onCreate() {
        dir = new File(getContext().getCacheDir(), "fake-media");
        return dir.mkdirs() || dir.isDirectory();
    }

    public synchronized File fileOf(Uri uri) {
        ContentValues row = rows.get(ContentUris.parseId(uri));
        if (row != null && row.getAsString(MediaStore.MediaColumns.DATA) != null) {
            return new File(row.getAsString(MediaStore.MediaColumns.DATA));
        }
        return new File(dir, ContentUris.parseId(uri) + ".bin");
    }

    /** Rows still pending (IS_PENDING = 1). */
    public synchronized List<ContentValues> pending() {
        List<ContentValues> pending = new ArrayList<>();
        for (ContentValues row : rows.values()) {
            if (row.getAsInteger(MediaStore.MediaColumns.IS_PENDING) != 0) {
                pending.add(row);
            }
        }
        return pending;
    }

    @Override
    public synchronized Uri insert(Uri collection, ContentValues values) {
        long id = nextId++;
        ContentValues row = new ContentValues(values);
        row.put(MediaStore.MediaColumns._ID, id);
        row.put(MediaStore.MediaColumns.DATE_ADDED, id);
        if (!row.containsKey(MediaStore.MediaColumns.IS_PENDING)) {
            row.put(MediaStore.MediaColumns.IS_PENDING, 0);
        }
        rows.put(id, row);
        inserts++;
        return ContentUris.withAppendedId(collection, id);
    }

    @Override
    public synchronized int update(Uri uri, ContentValues values, String selection, String[] args) {
        ContentValues row = rows.get(ContentUris.parseId(uri));
        if (row == null) {
            return 0;
        }
        row.putAll(values);
        return 1;
    }

    @Override
    public synchronized int delete(Uri uri, String selection, String[] args) {
        long id = ContentUris.parseId(uri);
        File file = fileOf(uri);
        if (rows.remove(id) == null) {
            return 0;
        }
        deleted.add(id);
        file.delete();
        return 1;
    }

    @Override
    public synchronized Cursor query(Uri uri, String[] projection, String selection, String[] args, String sort) {
        MatrixCursor cursor = new MatrixCursor(projection);
        List<ContentValues> matches = new ArrayList<>();
        String last = uri.getLastPathSegment();
        if (last != null && last.matches("\\d+")) {
            ContentValues row = rows.get(Long.parseLong(last));
            if (row != null) {
                matches.add(row);
            }
        } else {
            boolean includePending = "1".equals(uri.getQueryParameter("includePending"))
                    || selection != null && selection.contains(MediaStore.MediaColumns.IS_PENDING + " = 1");
            for (ContentValues row : rows.values()) {
                boolean pending = row.getAsInteger(MediaStore.MediaColumns.IS_PENDING) != 0;
                if ((!pending || includePending) && matches(row, selection, args)) {
                    matches.add(0, row); // newest first, as Clarity sorts
                }
            }
        }
        for (ContentValues row : matches) {
            Object[] values = new Object[projection.length];
            for (int i = 0; i < projection.length; i++) {
                values[i] = row.get(projection[i]);
            }
            cursor.addRow(values);
        }
        return cursor;
    }

    private static boolean matches(ContentValues row, String selection, String[] args) {
        if (selection == null || selection.isEmpty()) {
            return true;
        }
        int arg = 0;
        for (String clause : selection.split(" AND ")) {
            String[] parts = clause.trim().split(" ", 3);
            String value = row.getAsString(parts[0]);
            String wanted = "?".equals(parts[2]) ? args[arg++] : parts[2];
            boolean ok = "LIKE".equals(parts[1])
                    ? value != null && value.matches(wanted.replace(".", "\\.").replace("%", ".*"))
                    : wanted.equals(value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String getType(Uri uri) {
        ContentValues row = rows.get(ContentUris.parseId(uri));
        return row == null ? null : row.getAsString(MediaStore.MediaColumns.MIME_TYPE);
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        if (!rows.containsKey(ContentUris.parseId(uri))) {
            throw new FileNotFoundException("no row " + uri);
        }
        if (diskFull && mode.contains("w")) {
            return ParcelFileDescriptor.open(new File("/dev/full"), ParcelFileDescriptor.MODE_WRITE_ONLY);
        }
        return ParcelFileDescriptor.open(fileOf(uri), ParcelFileDescriptor.parseMode(mode));
    }
}
