package io.clarity.models.desktop;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.Exif;
import io.clarity.engine.metadata.PhotoMetadata;
import io.clarity.engine.metadata.PhotoMetadataReader;
import io.clarity.engine.metadata.TiffEntry;
import io.clarity.engine.model.BicubicPreUpscaledModel;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;
import io.clarity.engine.pipeline.CancellationToken;
import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.engine.pipeline.EnhanceResult;
import io.clarity.engine.pipeline.Enhancer;
import io.clarity.engine.pipeline.ProgressListener;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;

/**
 * Benchmark for issue 4: enlarges a 6000x4000 JPEG x2 to a 12000x8000 JPEG through the engine's tiled
 * {@link Enhancer} (bicubic only: an identity network behind {@link BicubicPreUpscaledModel}), reading with
 * {@link ImageIoRegionSource} and writing with {@link StreamingJpegWriter}, and prints time and peak heap. Run it under {@code -Xmx256m}: a full 12000x8000 ARGB raster alone would need 366 MiB.
 *
 * <p>Usage: {@code StreamingMemoryCheck <photo.jpg> <work dir>}. It first makes the 6000x4000 input from the
 * photo (centre crop to 3:2, bicubic, camera-like EXIF with GPS, the photo's ICC profile), then measures.
 */
public final class StreamingMemoryCheck {
    private static final int BAND_ROWS = 64;
    private static final int THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private StreamingMemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StreamingMemoryCheck <photo.jpg> <work dir>");
            System.exit(2);
        }
        Path photo = Paths.get(args[0]);
        Path dir = Files.createDirectories(Paths.get(args[1]));
        Path input = dir.resolve("input-6000x4000.jpg");
        Path output = dir.resolve("output-12000x8000.jpg");

        long t0 = System.nanoTime();
        makeInput(photo, input);
        System.out.printf("made %s (%d bytes) in %.1f s%n", input, Files.size(input), (System.nanoTime() - t0) / 1e9);

        System.gc();
        resetPeaks();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long t1 = System.nanoTime();
        EnhanceResult result;
        try (ImageIoRegionSource source = ImageIoRegionSource.open(input)) {
            int w = source.width() * 2;
            int h = source.height() * 2;
            StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(output), 95,
                    StreamingJpegWriter.Subsampling.YUV420, source.metadata().forOutput(w, h, true));
            Enhancer enhancer = new Enhancer(() -> new BicubicPreUpscaledModel(new IdentityModel(), 2),
                    new EnhanceOptions(THREADS, EnhanceOptions.DEFAULT_TILE_SIZE));
            result = enhancer.run(source, writer, ProgressListener.NONE, new CancellationToken());
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        sampler.stopSampling();
        long poolPeaks = heapPoolPeaks();

        PhotoMetadata out;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(output))) {
            out = PhotoMetadataReader.read(in);
        }
        int[] size = imageSize(output);
        Exif exif = out.exif();
        System.out.printf("x2 %s -> %dx%d JPEG (%d bytes) in %.1f s%n", input.getFileName(), size[0], size[1],
                Files.size(output), seconds);
        System.out.printf("engine: %d tiles, %d threads, model time %.1f s%n", result.tiles(), THREADS,
                result.modelNanos() / 1e9);
        System.out.printf("max heap %d MiB; peak heap: sum of pool peaks %.1f MiB, max sampled used %.1f MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, poolPeaks / 1048576.0, sampler.max / 1048576.0);
        System.out.printf("output EXIF: orientation %d, PixelXDimension %d, PixelYDimension %d, GPS kept %b, "
                        + "ICC %d bytes%n",
                exif.orientation(), exif.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_X_DIMENSION).unsigned(0),
                exif.entry(Exif.Ifd.EXIF, Exif.TAG_PIXEL_Y_DIMENSION).unsigned(0),
                !exif.directory(Exif.Ifd.GPS).isEmpty(), out.iccProfile() == null ? 0 : out.iccProfile().length);
    }

    private static void makeInput(Path photo, Path input) throws IOException {
        try (ImageIoRegionSource source = ImageIoRegionSource.open(photo)) {
            int w = source.width();
            int h = source.height();
            Region crop = w * 2 > h * 3
                    ? new Region((w - h * 3 / 2) / 2, 0, h * 3 / 2, h)
                    : new Region(0, (h - w * 2 / 3) / 2, w, w * 2 / 3);
            Exif exif = Exif.empty(ByteOrder.LITTLE_ENDIAN)
                    .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MAKE, "Clarity Bench"))
                    .with(Exif.Ifd.MAIN, TiffEntry.ascii(Exif.TAG_MODEL, "MemoryCheck 6000x4000"))
                    .with(Exif.Ifd.MAIN, TiffEntry.shortValue(Exif.TAG_ORIENTATION, 1))
                    .with(Exif.Ifd.EXIF, TiffEntry.ascii(Exif.TAG_DATE_TIME_ORIGINAL, "2024:05:17 14:03:22"))
                    .with(Exif.Ifd.GPS, TiffEntry.ascii(Exif.TAG_GPS_LATITUDE_REF, "N"))
                    .with(Exif.Ifd.GPS, TiffEntry.rationals(Exif.TAG_GPS_LATITUDE, 52, 1, 31, 1, 0, 1));
            PhotoMetadata metadata = new PhotoMetadata(exif, source.metadata().iccProfile())
                    .forOutput(6000, 4000, true);
            StreamingJpegWriter writer = new StreamingJpegWriter(new FileOutputTarget(input), 92,
                    StreamingJpegWriter.Subsampling.YUV420, metadata);
            StreamingBicubicResampler.resample(source, crop, 6000, 4000, writer, BAND_ROWS);
        }
    }

    private static int[] imageSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            int[] size = {reader.getWidth(0), reader.getHeight(0)};
            reader.dispose();
            return size;
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of each heap pool's peak: an upper bound, as the pools need not peak at the same moment. */
    private static long heapPoolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Scale 1, no halo: with {@link BicubicPreUpscaledModel} around it the engine upscales bicubically. */
    private static final class IdentityModel implements SuperResolutionModel {
        @Override
        public ModelSpec spec() {
            return ModelSpec.freeShape("identity", 1, ModelSpec.Channels.RGB, TensorType.FLOAT32, 0);
        }

        @Override
        public FloatImage upscale(FloatImage tile) {
            return tile;
        }

        @Override
        public void close() {
        }
    }

    /** Samples used heap every 5 ms. */
    private static final class HeapSampler extends Thread {
        volatile boolean running = true;
        volatile long max;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                max = Math.max(max, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }
}
