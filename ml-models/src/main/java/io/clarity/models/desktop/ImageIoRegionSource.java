package io.clarity.models.desktop;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.io.Orientation;
import io.clarity.engine.metadata.MalformedImageException;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A desktop {@link ImageSource} over ImageIO (JPEG, PNG, BMP) that decodes only stored regions
 * ({@link ImageReadParam#setSourceRegion}) and applies the EXIF orientation.
 *
 * <p>ImageIO restarts decoding from the top of a JPEG for every region, so a band-by-band reader would cost
 * quadratic time; this source therefore decodes a strip of about {@code cachePixels} pixels around each
 * request (whole stored rows, or whole stored columns for quarter-turned photos) and serves the following
 * bands from it. Pixels are the stored sample values: no colour conversion, the ICC profile travels with
 * {@link #metadata()} (for a JPEG with a profile, ImageIO decodes a temporary copy without it).
 */
public final class ImageIoRegionSource implements ImageSource {
    /** 4 Mpx of ARGB: 16 MiB, a few strips per 24 MP photo. */
    public static final int DEFAULT_CACHE_PIXELS = 4 << 20;

    private final ImageInputStream stream;
    private final ImageReader reader;
    private final Orientation orientation;
    private final PhotoMetadata metadata;
    private final boolean hasAlpha;
    private final int rawWidth;
    private final int rawHeight;
    private final int cachePixels;
    /** The ICC-less copy ImageIO decodes, deleted on close; null when it decodes the file itself. */
    private final Path temporary;
    private Region cachedRegion;
    private ArgbImage cached;

    private ImageIoRegionSource(ImageInputStream stream, ImageReader reader, PhotoMetadata metadata,
            int cachePixels, Path temporary) throws IOException {
        this.temporary = temporary;
        this.stream = stream;
        this.reader = reader;
        this.metadata = metadata;
        this.cachePixels = cachePixels;
        rawWidth = reader.getWidth(0);
        rawHeight = reader.getHeight(0);
        orientation = new Orientation(metadata.orientation(), rawWidth, rawHeight);
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        hasAlpha = types.hasNext() && types.next().getColorModel().hasAlpha();
    }

    public static ImageIoRegionSource open(Path file) throws IOException {
        return open(file, DEFAULT_CACHE_PIXELS);
    }

    /**
     * Opens a file. Broken metadata does not stop the photo from opening: what could not be read is left out
     * and {@link PhotoMetadata#dropped()} says why.
     */
    public static ImageIoRegionSource open(Path file, int cachePixels) throws IOException {
        PhotoMetadata metadata;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            metadata = PhotoMetadataReader.read(in);
        } catch (MalformedImageException e) {
            metadata = PhotoMetadata.unreadable(e.getMessage());
        }
        // ImageIO's JPEG reader converts pixels from an embedded ICC profile to sRGB, and no destination type
        // avoids it; our output carries the profile over, so it must get the stored values. It therefore
        // decodes a copy of the file without the APP2 ICC_PROFILE segments.
        Path decoded = file;
        if (metadata.iccProfile() != null && isJpeg(file)) {
            decoded = Files.createTempFile("clarity-", ".jpg");
            try {
                copyWithoutIccSegments(file, decoded);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(decoded);
                throw e;
            }
        }
        Path temporary = decoded == file ? null : decoded;
        ImageInputStream stream = ImageIO.createImageInputStream(decoded.toFile());
        if (stream == null) {
            deleteQuietly(temporary);
            throw new IOException("cannot open " + file);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            stream.close();
            deleteQuietly(temporary);
            throw new MalformedImageException(file + " is not an image ImageIO can read");
        }
        ImageReader reader = readers.next();
        reader.setInput(stream, false, true);
        try {
            return new ImageIoRegionSource(stream, reader, metadata, cachePixels, temporary);
        } catch (IOException | RuntimeException e) {
            reader.dispose();
            stream.close();
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** The EXIF and ICC profile of the file, as stored (orientation not yet reset). */
    public PhotoMetadata metadata() {
        return metadata;
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
        return hasAlpha;
    }

    @Override
    public ArgbImage read(Region region) throws IOException {
        if (region.x() < 0 || region.y() < 0 || region.width() < 1 || region.height() < 1
                || region.x() + region.width() > width() || region.y() + region.height() > height()) {
            throw new IllegalArgumentException(region + " is not inside the " + width() + "x" + height() + " image");
        }
        Region raw = orientation.toRaw(region);
        if (cachedRegion == null || !contains(cachedRegion, raw)) {
            cachedRegion = stripAround(raw);
            cached = decode(cachedRegion);
        }
        return orientation.toDisplay(crop(cached, cachedRegion, raw), region);
    }

    /**
     * Whole stored rows (or columns, when the display turns them into rows) around {@code raw}, extending the
     * way the display's later bands go, so a top-to-bottom consumer hits the cache.
     */
    private Region stripAround(Region raw) {
        boolean forward = metadata.orientation() <= 2 || metadata.orientation() == 5
                || metadata.orientation() == 6;
        if (!orientation.swapsAxes()) {
            int rows = Math.min(rawHeight, Math.max(raw.height(), cachePixels / rawWidth));
            int top = forward ? raw.y() : raw.y() + raw.height() - rows;
            top = Math.max(0, Math.min(top, rawHeight - rows));
            return new Region(0, top, rawWidth, rows);
        }
        int cols = Math.min(rawWidth, Math.max(raw.width(), cachePixels / rawHeight));
        int left = forward ? raw.x() : raw.x() + raw.width() - cols;
        left = Math.max(0, Math.min(left, rawWidth - cols));
        return new Region(left, 0, cols, rawHeight);
    }

    private ArgbImage decode(Region r) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(r.x(), r.y(), r.width(), r.height()));
        BufferedImage image = reader.read(0, param);
        return toArgb(image, r.width(), r.height());
    }

    /**
     * Stored sample values as ARGB. Component images (JPEG, truecolour PNG) are read from the raster so that an
     * embedded ICC profile does not make Java convert them to sRGB; palette images go through their palette.
     */
    private static ArgbImage toArgb(BufferedImage image, int width, int height) {
        int[] out = new int[width * height];
        if (!(image.getColorModel() instanceof ComponentColorModel
                || image.getColorModel() instanceof DirectColorModel)) {
            image.getRGB(0, 0, width, height, out, 0, width);
            return new ArgbImage(width, height, out);
        }
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean alpha = image.getColorModel().hasAlpha();
        int colorBands = alpha ? bands - 1 : bands;
        int[] shift = new int[bands];
        for (int b = 0; b < bands; b++) {
            shift[b] = Math.max(0, raster.getSampleModel().getSampleSize(b) - 8);
        }
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int p = x * bands;
                int r = row[p] >> shift[0];
                int g = colorBands >= 3 ? row[p + 1] >> shift[1] : r;
                int b = colorBands >= 3 ? row[p + 2] >> shift[2] : r;
                int a = alpha ? row[p + bands - 1] >> shift[bands - 1] : 0xFF;
                out[y * width + x] = a << 24 | r << 16 | g << 8 | b;
            }
        }
        return new ArgbImage(width, height, out);
    }

    private static boolean contains(Region outer, Region inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y()
                && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }

    private static ArgbImage crop(ArgbImage img, Region at, Region want) {
        if (at.equals(want)) {
            return img;
        }
        ArgbImage out = new ArgbImage(want.width(), want.height());
        for (int y = 0; y < want.height(); y++) {
            System.arraycopy(img.pixels(), (want.y() - at.y() + y) * img.width() + want.x() - at.x(),
                    out.pixels(), y * want.width(), want.width());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        cached = null;
        reader.dispose();
        try {
            stream.close();
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static boolean isJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0xFF && in.read() == 0xD8;
        }
    }

    /**
     * Copies a JPEG leaving out its APP2 ICC_PROFILE segments. Called only after {@link PhotoMetadataReader}
     * has read the same header without complaint.
     */
    private static void copyWithoutIccSegments(Path jpeg, Path out) throws IOException {
        byte[] icc = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(jpeg)));
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            os.write(in.readUnsignedShort() >> 8);
            os.write(0xD8);
            while (true) {
                int b = in.readUnsignedByte();
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                }
                if (b != 0xFF) {
                    throw new MalformedImageException(jpeg + ": expected a JPEG marker");
                }
                if (marker == 0xDA || marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    os.write(0xFF);
                    os.write(marker);
                    if (marker == 0xDA || marker == 0xD9) {
                        break;
                    }
                    continue;
                }
                int length = in.readUnsignedShort();
                byte[] payload = new byte[length - 2];
                in.readFully(payload);
                boolean isIcc = marker == 0xE2 && payload.length >= icc.length
                        && Arrays.equals(Arrays.copyOf(payload, icc.length), icc);
                if (!isIcc) {
                    os.write(0xFF);
                    os.write(marker);
                    os.write(length >> 8);
                    os.write(length);
                    os.write(payload);
                }
            }
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                os.write(buf, 0, n);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A stray temporary file in the temp folder is harmless.
            }
        }
    }
}
