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
 * The parts of MediaStore Clarity uses, for Robolectric (which has no media provider): insert a row, write
 * its file, update IS_PENDING, query, delete. Rows and files live in memory and a temporary folder.
 */
public final class FakeMediaStore extends ContentProvider {
    public static final String AUTHORITY = "media";

    public final Map<Long, ContentValues> rows = new LinkedHashMap<>();
    public final List<Long> deleted = new ArrayList<>();
    public int inserts;
    private File dir;
    private long nextId = 1;

    @Override
    public boolean onCreate() {
        dir = new File(getContext().getCacheDir(), "fake-media");
        return dir.mkdirs() || dir.isDirectory();
    }

    public File fileOf(Uri uri) {
        return new File(dir, ContentUris.parseId(uri) + ".bin");
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
        if (rows.remove(id) == null) {
            return 0;
        }
        deleted.add(id);
        fileOf(uri).delete();
        return 1;
    }

    /** Answers Clarity's two queries: one row by id, or the published rows of a RELATIVE_PATH. */
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
            for (ContentValues row : rows.values()) {
                boolean published = row.getAsInteger(MediaStore.MediaColumns.IS_PENDING) == 0;
                if (published && args != null && args.length > 0
                        && args[0].equals(row.getAsString(MediaStore.MediaColumns.RELATIVE_PATH))) {
                    matches.add(0, row);
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
        return ParcelFileDescriptor.open(fileOf(uri), ParcelFileDescriptor.parseMode(mode));
    }
}
