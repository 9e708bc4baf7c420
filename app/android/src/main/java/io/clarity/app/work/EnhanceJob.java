package io.clarity.app.work;

import android.content.ContentResolver;
import android.net.Uri;

import androidx.exifinterface.media.ExifInterface;

import io.clarity.app.platform.BitmapRegionSource;
import io.clarity.app.platform.MediaStoreOutputTarget;
import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.degradation.DegradationEstimate;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.io.StreamingPngWriter;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.EnhanceResult;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.ProgressListener;
import io.clarity.engine.pipeline.TileOutputListener;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;

/**
 * One photo, start to end: the input read by regions, the engine's tiled run, the output streamed into a
 * pending MediaStore picture with the input's EXIF and ICC profile. Knows nothing of WorkManager, so tests
 * run it directly as well as through the worker.
 */
public final class EnhanceJob {
    /** What a finished job produced. */
    public static final class Outcome {
        public final Uri output;
        public final int width;
        public final int height;
        public final EnhanceResult result;
        /** What of the input's metadata the output could not carry, and why; null when it carries it all. */
        public final String metadataNote;

        Outcome(Uri output, int width, int height, EnhanceResult result, String metadataNote) {
            this.output = output;
            this.width = width;
            this.height = height;
            this.result = result;
            this.metadataNote = metadataNote;
        }
    }

    private final ContentResolver resolver;
    private final Uri collection;
    private final File staging;
    private final ModelRuntime runtime;
    private final EnhanceOptions options;

    /**
     * @param staging app-private folder for pictures in progress before API 29
     * @param options tile rows sized to the phone's heap ({@link io.clarity.app.platform.HeapBudget})
     */
    public EnhanceJob(ContentResolver resolver, Uri collection, File staging, ModelRuntime runtime,
                      EnhanceOptions options) {
        this.resolver = resolver;
        this.collection = collection;
        this.staging = staging;
        this.runtime = runtime;
        this.options = options;
    }

    /**
     * Runs the request to the end, or until {@code cancel}; on any failure or cancellation the pending
     * picture is deleted before this throws. What a killed earlier run left behind is swept first (jobs run one
     * at a time, so nothing else is writing).
     */
    public Outcome run(EnhanceRequest request, RuntimeStats stats, ProgressListener progress, CancellationToken cancel)
            throws IOException, InterruptedException {
        return run(request, stats, progress, TileOutputListener.NONE, cancel);
    }

    /** As {@link #run(EnhanceRequest, RuntimeStats, ProgressListener, CancellationToken)}, each tile shown to {@code tiles}. */
    public Outcome run(EnhanceRequest request, RuntimeStats stats, ProgressListener progress, TileOutputListener tiles,
                       CancellationToken cancel) throws IOException, InterruptedException {
        MediaStoreOutputTarget.sweep(resolver, collection, staging);
        PhotoMetadata metadata = readMetadata(request.source());
        int orientation = metadata.exif() != null ? metadata.orientation() : readOrientation(request.source());
        try (BitmapRegionSource source = BitmapRegionSource.open(resolver, request.source(), orientation)) {
            Enhancer enhancer = new Enhancer(runtime.factory(request.modelId(), request.detailStrength(),
                    () -> cleaningStrength(request.source(), source), stats), options);
            MediaStoreOutputTarget target = new MediaStoreOutputTarget(resolver, collection, request.displayName(),
                    request.format().mimeType(), staging);
            SizedSink sink = new SizedSink(target, request, metadata);
            EnhanceResult result = enhancer.run(source, sink, progress, tiles, cancel);
            return new Outcome(target.uri(), sink.width, sink.height, result, sink.metadataNote);
        }
    }

    /**
     * How hard the real-photo model should clean this photo: the blind estimate from its JPEG tables and the
     * pixels at the centre (issue #14). Milliseconds; measured only for a model with heavy weights.
     */
    private float cleaningStrength(Uri input, ImageSource source) throws IOException {
        try (InputStream in = resolver.openInputStream(input)) {
            byte[] header = in == null ? new byte[0] : DegradationEstimate.header(in);
            return DegradationEstimate.of(source, header).strength();
        }
    }

    /**
     * EXIF, ICC, XMP (and an Ultra HDR gain map) of a JPEG, PNG, WebP or HEIF input. Metadata the engine cannot
     * read is not an error: the photo is enhanced without it, and the outcome's note says why.
     */
    private PhotoMetadata readMetadata(Uri input) throws IOException {
        try (InputStream in = resolver.openInputStream(input)) {
            if (in == null) {
                throw new IOException("no data behind " + input);
            }
            return PhotoMetadataReader.read(new BufferedInputStream(in, 1 << 16));
        } catch (io.clarity.engine.metadata.MalformedImageException e) {
            return PhotoMetadata.unreadable(e.getMessage());
        }
    }

    private int readOrientation(Uri input) {
        try (InputStream in = resolver.openInputStream(input)) {
            return in == null ? 1 : new ExifInterface(in).getAttributeInt(
                    ExifInterface.TAG_ORIENTATION, ExifInterface.ORIENTATION_NORMAL);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /**
     * Picks the writer once the engine says the output size, so the EXIF it embeds carries that size and
     * orientation 1 (the pixels come out upright).
     */
    private static final class SizedSink implements ImageSink {
        private final MediaStoreOutputTarget target;
        private final EnhanceRequest request;
        private final PhotoMetadata metadata;
        private ImageSink writer;
        int width;
        int height;
        String metadataNote;

        SizedSink(MediaStoreOutputTarget target, EnhanceRequest request, PhotoMetadata metadata) {
            this.target = target;
            this.request = request;
            this.metadata = metadata;
        }

        @Override
        public void start(int width, int height, boolean hasAlpha) throws IOException {
            this.width = width;
            this.height = height;
            PhotoMetadata out = metadata.forOutput(width, height, request.keepLocation());
            if (request.format() == EnhanceRequest.Format.PNG) {
                out = out.forPng();
            } else if (!request.keepGainMap()) {
                out = out.withGainMap(null); // Settings: plain SDR JPEGs
            }
            metadataNote = out.droppedSummary();
            writer = request.format() == EnhanceRequest.Format.PNG
                    ? new StreamingPngWriter(target, out)
                    : new StreamingJpegWriter(target, request.jpegQuality(), StreamingJpegWriter.Subsampling.YUV420, out);
            writer.start(width, height, hasAlpha);
        }

        @Override
        public void writeRows(io.clarity.engine.image.ArgbImage band) throws IOException {
            writer.writeRows(band);
        }

        @Override
        public void finish() throws IOException {
            writer.finish();
        }

        @Override
        public void abort() {
            if (writer != null) {
                writer.abort();
            } else {
                target.discard();
            }
        }
    }
}
