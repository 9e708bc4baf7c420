package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.io.FileOutputTarget;
import io.clarity.engine.io.StreamingPngWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The output as it forms, at screen size: each finished tile is box-averaged into a small canvas (transparent
 * where no tile is done yet, so whoever shows it lays it over the photo), and the canvas is written as a PNG file,
 * atomically (a whole file or the previous one), at most once per interval and never more than 1/{@link #BUDGET} of
 * the time, on a thread of its own so the run never waits for the encoder. Never holds more than two canvases: the full output is never in memory. Readers learn of a
 * new file through {@link Published} and its revision.
 */
public final class LivePreview implements TileOutputListener, AutoCloseable {
    /** Told after each file is in place; on the preview's own thread. */
    @FunctionalInterface
    public interface Published {
        void published(int revision, int tilesShown);
    }

    /** The least time between two files, as a multiple of the last write's duration. */
    static final int BUDGET = 50;
    /** Samples per preview pixel and axis. */
    static final int SAMPLES = 4;

    private final Path file;
    private final int maxSide;
    private final long intervalNanos;
    private final Published published;
    private final ScheduledExecutorService writer;
    private final Object lock = new Object();
    private int outputWidth;
    private int outputHeight;
    private ArgbImage canvas;
    /** The writer's copy of the canvas, reused: a fresh 3.5 MB array per file is humongous garbage for G1 and ART. */
    private ArgbImage snapshot;
    private int tiles;
    private boolean dirty;
    private boolean writing;
    private long lastWriteNanos;
    private boolean everWritten;
    private long gapNanos;
    private int revision;
    private volatile IOException failure;

    /**
     * @param file     where the PNG goes (a {@code .part} beside it while writing)
     * @param maxSide  the preview's longer side in pixels, at most (a screen's)
     * @param interval the least time between two files
     */
    public LivePreview(Path file, int maxSide, long interval, TimeUnit unit, Published published) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be positive, was " + maxSide);
        }
        this.file = file;
        this.maxSide = maxSide;
        this.intervalNanos = unit.toNanos(interval);
        this.gapNanos = intervalNanos;
        this.published = published;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "clarity-live-preview");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.writer = executor;
    }

    /** The preview's size for an output of {@code width} × {@code height}: fitted in {@code maxSide}, never larger. */
    public static int[] previewSize(int width, int height, int maxSide) {
        double s = Math.min(1.0, (double) maxSide / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * s)), Math.max(1, (int) Math.round(height * s))};
    }

    @Override
    public void started(int width, int height) {
        try { // a .part left by a killed process would block every write (FileOutputTarget never clobbers one)
            java.nio.file.Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part"));
        } catch (IOException e) {
            failure = e;
        }
        int[] size = previewSize(width, height, maxSide);
        synchronized (lock) {
            outputWidth = width;
            outputHeight = height;
            canvas = new ArgbImage(size[0], size[1]);
            snapshot = new ArgbImage(size[0], size[1]);
        }
    }

    @Override
    public void tileDone(Region output, ArgbImage band, int bandTop) {
        synchronized (lock) {
            downsample(output, band, bandTop, outputWidth, outputHeight, canvas);
            tiles++;
            dirty = true;
            if (writing) {
                return; // the writer looks again when it is done
            }
            writing = true;
            long wait = Math.max(0, lastWriteNanos + gapNanos - System.nanoTime());
            writer.schedule(this::write, everWritten ? wait : 0, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Box-averages the part of the output inside {@code output} into the preview pixels it covers, from at most
     * {@link #SAMPLES} × {@link #SAMPLES} evenly spread pixels of each (so the run pays a bounded few reads per preview
     * pixel, however large the output). A preview pixel that straddles two tiles gets the average of the last one's
     * part: a sliver at most one preview pixel wide.
     */
    static void downsample(Region output, ArgbImage band, int bandTop, int outputWidth, int outputHeight,
                           ArgbImage preview) {
        int pw = preview.width();
        int ph = preview.height();
        int px0 = (int) ((long) output.x() * pw / outputWidth);
        int px1 = (int) (((long) (output.x() + output.width()) * pw + outputWidth - 1) / outputWidth);
        int py0 = (int) ((long) output.y() * ph / outputHeight);
        int py1 = (int) (((long) (output.y() + output.height()) * ph + outputHeight - 1) / outputHeight);
        int[] src = band.pixels();
        int[] dst = preview.pixels();
        int stride = band.width();
        for (int py = py0; py < py1; py++) {
            int y0 = Math.max(output.y(), (int) ((long) py * outputHeight / ph));
            int y1 = Math.min(output.y() + output.height(), (int) ((long) (py + 1) * outputHeight / ph));
            if (y1 <= y0) {
                y1 = y0 + 1; // an upscaled preview (tiny output): the nearest row
            }
            for (int px = px0; px < px1; px++) {
                int x0 = Math.max(output.x(), (int) ((long) px * outputWidth / pw));
                int x1 = Math.min(output.x() + output.width(), (int) ((long) (px + 1) * outputWidth / pw));
                if (x1 <= x0) {
                    x1 = x0 + 1;
                }
                int stepX = Math.max(1, (x1 - x0) / SAMPLES);
                int stepY = Math.max(1, (y1 - y0) / SAMPLES);
                int a = 0; // fewer than (2 · SAMPLES)² samples of 255 at most: no overflow
                int r = 0;
                int g = 0;
                int b = 0;
                int n = 0;
                for (int y = y0 + (y1 - y0 - 1) % stepY / 2; y < y1; y += stepY) {
                    int row = (y - bandTop) * stride;
                    for (int x = x0 + (x1 - x0 - 1) % stepX / 2; x < x1; x += stepX) {
                        int p = src[row + x];
                        a += p >>> 24;
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                dst[py * pw + px] = (a + n / 2) / n << 24 | (r + n / 2) / n << 16 | (g + n / 2) / n << 8
                        | (b + n / 2) / n;
            }
        }
    }

    private void write() {
        ArgbImage copy = snapshot; // only this thread touches it
        int shown;
        synchronized (lock) {
            System.arraycopy(canvas.pixels(), 0, copy.pixels(), 0, copy.pixels().length);
            shown = tiles;
            dirty = false;
        }
        long start = System.nanoTime();
        try {
            StreamingPngWriter png = StreamingPngWriter.fast(new FileOutputTarget(file));
            png.start(copy.width(), copy.height(), true);
            png.writeRows(copy);
            png.finish();
            revision++;
            published.published(revision, shown);
        } catch (IOException e) {
            failure = e; // a preview that cannot be written is not worth failing the job for; close() reports it
        }
        synchronized (lock) {
            lastWriteNanos = System.nanoTime();
            everWritten = true;
            // On a busy phone a write takes longer: wait at least BUDGET times its duration, so the preview never
            // takes more than 1/BUDGET of a core, however slow the writes get.
            gapNanos = Math.max(intervalNanos, (lastWriteNanos - start) * BUDGET);
            if (dirty && !writer.isShutdown()) {
                writer.schedule(this::write, gapNanos, TimeUnit.NANOSECONDS);
            } else {
                writing = false;
            }
        }
    }

    /** The last write's failure, or null: for a log line, never for the job's outcome. */
    public IOException failure() {
        return failure;
    }

    /** Stops writing (a write under way finishes); the file stays for the caller to delete. */
    @Override
    public void close() throws InterruptedException {
        synchronized (lock) {
            writer.shutdown();
        }
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
