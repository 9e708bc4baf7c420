package io.clarity.app.platform;

import android.content.ContentResolver;
import android.graphics.Bitmap;
import android.graphics.BitmapFactory;
import android.graphics.BitmapRegionDecoder;
import android.graphics.Matrix;
import android.graphics.Rect;
import android.net.Uri;
import android.os.Build;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.io.Orientation;

import java.io.IOException;
import java.io.InputStream;

/**
 * A photo read band by band through {@link BitmapRegionDecoder}, so a 50 MP input never sits in memory whole.
 * Regions are in display coordinates: the EXIF orientation is applied per region.
 */
public final class BitmapRegionSource implements ImageSource {
    private final BitmapRegionDecoder decoder;
    private final Orientation orientation;
    private final int exifOrientation;
    private final boolean alpha;

    private BitmapRegionSource(BitmapRegionDecoder decoder, int exifOrientation, boolean alpha) {
        this.decoder = decoder;
        this.orientation = new Orientation(exifOrientation, decoder.getWidth(), decoder.getHeight());
        this.exifOrientation = exifOrientation;
        this.alpha = alpha;
    }

    /** Opens {@code uri}; an unreadable or undecodable file is an IOException saying so. */
    public static BitmapRegionSource open(ContentResolver resolver, Uri uri, int exifOrientation) throws IOException {
        BitmapFactory.Options bounds = new BitmapFactory.Options();
        bounds.inJustDecodeBounds = true;
        try (InputStream in = openStream(resolver, uri)) {
            BitmapFactory.decodeStream(in, null, bounds);
        }
        String mime = bounds.outMimeType;
        boolean alpha = "image/png".equals(mime) || "image/webp".equals(mime);
        try (InputStream in = openStream(resolver, uri)) {
            BitmapRegionDecoder decoder;
            try {
                decoder = newDecoder(in);
            } catch (IOException e) {
                throw new IOException("cannot decode " + uri + " (" + e.getMessage() + ")", e);
            }
            if (decoder == null || decoder.getWidth() <= 0 || decoder.getHeight() <= 0) {
                throw new IOException("cannot decode " + uri + (mime == null ? "" : " (" + mime + ")"));
            }
            return new BitmapRegionSource(decoder, exifOrientation < 1 || exifOrientation > 8 ? 1 : exifOrientation, alpha);
        }
    }

    private static InputStream openStream(ContentResolver resolver, Uri uri) throws IOException {
        InputStream in = resolver.openInputStream(uri);
        if (in == null) {
            throw new IOException("no data behind " + uri);
        }
        return in;
    }

    @SuppressWarnings("deprecation")
    private static BitmapRegionDecoder newDecoder(InputStream in) throws IOException {
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.S
                ? BitmapRegionDecoder.newInstance(in)
                : BitmapRegionDecoder.newInstance(in, false);
    }

    @Override
    public int width() {
        return orientation.displayWidth();
    }

    @Override
    public int height() {
        return orientation.displayHeight();
    }

    @Override
    public boolean hasAlpha() {
        return alpha;
    }

    @Override
    public ArgbImage read(Region region) throws IOException {
        Region raw = orientation.toRaw(region);
        BitmapFactory.Options options = new BitmapFactory.Options();
        options.inPreferredConfig = Bitmap.Config.ARGB_8888;
        options.inPremultiplied = false;
        Bitmap bitmap = decoder.decodeRegion(
                new Rect(raw.x(), raw.y(), raw.x() + raw.width(), raw.y() + raw.height()), options);
        if (bitmap == null) {
            throw new IOException("could not decode region " + raw);
        }
        try {
            if (bitmap.getWidth() != raw.width() || bitmap.getHeight() != raw.height()) {
                throw new IOException("decoder returned " + bitmap.getWidth() + "x" + bitmap.getHeight()
                        + " for region " + raw);
            }
            int[] pixels = new int[raw.width() * raw.height()];
            bitmap.getPixels(pixels, 0, raw.width(), 0, 0, raw.width(), raw.height());
            return orientation.toDisplay(new ArgbImage(raw.width(), raw.height(), pixels), region);
        } finally {
            bitmap.recycle();
        }
    }

    /**
     * A region of the upright picture as the viewer shows it: decoded at {@code sampleSize} (a power of two) from the
     * stored pixels and turned upright, so a photo stored turned (EXIF) zooms at full detail like any other.
     *
     * @return null when the decoder cannot decode the region
     */
    public Bitmap decodeUpright(Region display, int sampleSize) {
        Region raw = orientation.toRaw(display);
        BitmapFactory.Options options = new BitmapFactory.Options();
        options.inSampleSize = Math.max(1, sampleSize);
        Bitmap bitmap = decoder.decodeRegion(
                new Rect(raw.x(), raw.y(), raw.x() + raw.width(), raw.y() + raw.height()), options);
        if (bitmap == null || exifOrientation == 1) {
            return bitmap;
        }
        Bitmap upright = Bitmap.createBitmap(bitmap, 0, 0, bitmap.getWidth(), bitmap.getHeight(),
                uprightMatrix(exifOrientation), true);
        if (upright != bitmap) {
            bitmap.recycle();
        }
        return upright;
    }

    /** What turns stored pixels upright for an EXIF orientation (2..8; 1 is the identity). */
    static Matrix uprightMatrix(int exifOrientation) {
        Matrix m = new Matrix();
        switch (exifOrientation) {
            case 2: m.setScale(-1, 1); break;
            case 3: m.setRotate(180); break;
            case 4: m.setScale(1, -1); break;
            case 5: m.setRotate(90); m.postScale(-1, 1); break;
            case 6: m.setRotate(90); break;
            case 7: m.setRotate(-90); m.postScale(-1, 1); break;
            case 8: m.setRotate(-90); break;
            default: break;
        }
        return m;
    }

    @Override
    public void close() {
        decoder.recycle();
    }
}
