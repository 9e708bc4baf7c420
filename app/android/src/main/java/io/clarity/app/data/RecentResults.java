package io.clarity.app.data;

import android.content.ContentResolver;
import android.content.ContentUris;
import android.database.Cursor;
import android.net.Uri;
import android.os.Build;
import android.provider.MediaStore;

import io.clarity.app.platform.MediaStoreOutputTarget;

import java.util.ArrayList;
import java.util.List;

/** Clarity's own published pictures in Pictures/Clarity, newest first, for the home screen. */
public final class RecentResults {
    /** One picture. */
    public static final class Item {
        public final Uri uri;
        public final String name;

        Item(Uri uri, String name) {
            this.uri = uri;
            this.name = name;
        }
    }

    private RecentResults() {
    }

    public static Item item(Uri uri, String name) {
        return new Item(uri, name);
    }

    public static List<Item> query(ContentResolver resolver, Uri collection, int limit) {
        List<Item> items = new ArrayList<>();
        String selection;
        String[] args;
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            selection = MediaStore.MediaColumns.RELATIVE_PATH + " = ? AND " + MediaStore.MediaColumns.IS_PENDING + " = 0";
            args = new String[] {MediaStoreOutputTarget.RELATIVE_PATH};
        } else {
            selection = MediaStore.MediaColumns.DATA + " LIKE ?";
            args = new String[] {"%/Pictures/Clarity/%"};
        }
        String[] projection = {MediaStore.MediaColumns._ID, MediaStore.MediaColumns.DISPLAY_NAME};
        try (Cursor c = resolver.query(collection, projection, selection, args,
                MediaStore.MediaColumns.DATE_ADDED + " DESC")) {
            if (c == null) {
                return items;
            }
            int id = c.getColumnIndexOrThrow(MediaStore.MediaColumns._ID);
            int name = c.getColumnIndexOrThrow(MediaStore.MediaColumns.DISPLAY_NAME);
            while (c.moveToNext() && items.size() < limit) {
                items.add(new Item(ContentUris.withAppendedId(collection, c.getLong(id)), c.getString(name)));
            }
        } catch (RuntimeException e) {
            // No readable media store (a locked profile): no recent results to show.
        }
        return items;
    }
}
