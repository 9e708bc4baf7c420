package io.clarity.app.platform;

import android.content.ContentResolver;
import android.graphics.BitmapFactory;
import android.net.Uri;

import androidx.exifinterface.media.ExifInterface;

import java.io.IOException;
import java.io.InputStream;

/** A photo's upright size, read from its header without decoding pixels. */
public final class PhotoBounds {
    public final int width;
    public final int height;
    /** EXIF orientation 1..8 (1 when absent): how the stored pixels turn upright. */
    public final int orientation;

    private PhotoBounds(int width, int height, int orientation) {
        this.width = width;
        this.height = height;
        this.orientation = orientation;
    }

    /** @return null when the file is missing or not a decodable image */
    public static PhotoBounds read(ContentResolver resolver, Uri uri) {
        BitmapFactory.Options bounds = new BitmapFactory.Options();
        bounds.inJustDecodeBounds = true;
        int orientation = ExifInterface.ORIENTATION_NORMAL;
        try (InputStream in = resolver.openInputStream(uri)) {
            if (in == null) {
                return null;
            }
            BitmapFactory.decodeStream(in, null, bounds);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (bounds.outWidth <= 0 || bounds.outHeight <= 0) {
            return null;
        }
        try (InputStream in = resolver.openInputStream(uri)) {
            if (in != null) {
                orientation = new ExifInterface(in).getAttributeInt(
                        ExifInterface.TAG_ORIENTATION, ExifInterface.ORIENTATION_NORMAL);
            }
        } catch (IOException | RuntimeException ignored) {
            // No readable EXIF: the stored orientation is the upright one.
        }
        boolean quarterTurn = orientation >= ExifInterface.ORIENTATION_TRANSPOSE
                && orientation <= ExifInterface.ORIENTATION_ROTATE_270;
        if (orientation < 1 || orientation > 8) {
            orientation = ExifInterface.ORIENTATION_NORMAL;
        }
        return quarterTurn ? new PhotoBounds(bounds.outHeight, bounds.outWidth, orientation)
                : new PhotoBounds(bounds.outWidth, bounds.outHeight, orientation);
    }
}
