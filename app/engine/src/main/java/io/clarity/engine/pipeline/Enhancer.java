package io.clarity.engine.pipeline;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;
import io.clarity.engine.image.SymmetricBorder;
import io.clarity.engine.io.ImageSink;
import io.clarity.engine.io.ImageSource;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.tiling.Tile;
import io.clarity.engine.tiling.TilePlan;
import io.clarity.engine.tiling.TilePlanner;

import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * The run: upscales an {@link ImageSource} into an {@link ImageSink} tile row by tile row. For each row of
 * tiles it reads the source rows the tiles need (halo and mirrored border included), renders the tiles in
 * parallel on the workers, and hands the finished output band to the sink, so memory is
 * O(tile row × width), never O(image).
 *
 * <p>The output equals running the model once on the whole image extended by the halo with
 * {@link SymmetricBorder} and cropping the halo off again: each tile sees exactly those pixels within the
 * halo of its core, and the model's own zero padding only touches pixels outside the core.
 */
public final class Enhancer {
    private final ModelFactory models;
    private final EnhanceOptions options;

    public Enhancer(ModelFactory models, EnhanceOptions options) {
        this.models = models;
        this.options = options;
    }

    /**
     * Runs to completion, or until cancelled. The sink is finished on success and aborted on any failure
     * or cancellation; worker threads and models are released either way before this returns. The source
     * stays open: the caller owns it.
     *
     * @throws CancellationException when {@code cancel} was cancelled; at most one tile per worker runs after
     */
    public EnhanceResult run(ImageSource source, ImageSink sink, ProgressListener progress,
                             CancellationToken cancel) throws IOException, InterruptedException {
        return run(source, sink, progress, TileOutputListener.NONE, cancel);
    }

    /** As {@link #run(ImageSource, ImageSink, ProgressListener, CancellationToken)}, showing each tile to {@code tiles}. */
    public EnhanceResult run(ImageSource source, ImageSink sink, ProgressListener progress, TileOutputListener tiles,
                             CancellationToken cancel) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int width = source.width();
        int height = source.height();
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must be at least 1x1, was " + width + "x" + height);
        }
        boolean alpha = source.hasAlpha();
        try (TileWorkers workers = new TileWorkers(options.threads(), models, cancel)) {
            try {
                ModelSpec spec = workers.awaitModels();
                int scale = spec.scale();
                int halo = spec.halo();
                if (TileRenderer.needsBicubicHalo(spec, alpha)) {
                    halo = Math.max(halo, BicubicResampler.RADIUS);
                }
                TilePlan plan = spec.hasFixedTileShape()
                        ? TilePlanner.planFixed(width, height, spec.fixedTileWidth(), spec.fixedTileHeight(), halo)
                        : TilePlanner.planFree(width, height, options.tileSize(),
                                options.tileHeightFor(width, scale, halo), halo);
                if ((long) width * scale > Integer.MAX_VALUE || (long) height * scale > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(width + "x" + height + " times " + scale + " is too large");
                }
                TileRenderer renderer = new TileRenderer(width, height, spec, alpha);
                sink.start(width * scale, height * scale, alpha);
                tiles.started(width * scale, height * scale);
                long modelNanos = runRows(plan, scale, source, sink, renderer, workers, progress, tiles, cancel);
                sink.finish();
                return new EnhanceResult(plan.tileCount(), plan.computedPixels(), (long) width * height,
                        modelNanos, System.nanoTime() - start);
            } catch (Throwable t) {
                sink.abort();
                throw t;
            }
        }
    }

    private static long runRows(TilePlan plan, int scale, ImageSource source, ImageSink sink, TileRenderer renderer,
                                TileWorkers workers, ProgressListener progress, TileOutputListener tiles,
                                CancellationToken cancel)
            throws IOException, InterruptedException {
        int total = plan.tileCount();
        int done = 0;
        long modelNanos = 0;
        long firstTileStart = System.nanoTime();
        int outputWidth = plan.imageWidth() * scale;
        for (int row = 0; row < plan.rows(); row++) {
            if (cancel.isCancelled()) {
                throw new CancellationException("cancelled after " + done + " of " + total + " tiles");
            }
            Region rows = sourceRowsOf(plan, row);
            ArgbImage sourceBand = source.read(rows);
            int outputTop = plan.rowStart(row) * scale;
            ArgbImage outputBand = new ArgbImage(outputWidth, (plan.rowEnd(row) - plan.rowStart(row)) * scale);
            for (int column = 0; column < plan.columns(); column++) {
                Tile tile = plan.tile(column, row);
                workers.submit(new TileWorkers.Task() {
                    @Override
                    public long run(SuperResolutionModel model) throws Exception {
                        return renderer.render(model, tile, sourceBand, rows.y(), outputBand, outputTop);
                    }

                    @Override
                    public Tile tile() {
                        return tile;
                    }
                });
            }
            Throwable failure = null;
            for (int column = 0; column < plan.columns(); column++) {
                TileWorkers.Completion c = workers.take();
                if (c.error != null && failure == null) {
                    failure = c.error;
                }
                if (c.ran) {
                    Region core = c.tile.core();
                    tiles.tileDone(new Region(core.x() * scale, core.y() * scale, core.width() * scale,
                            core.height() * scale), outputBand, outputTop);
                    done++;
                    modelNanos += c.modelNanos;
                    long elapsed = System.nanoTime() - firstTileStart;
                    progress.onProgress(new Progress(done, total, elapsed / 1_000_000L * (total - done) / done));
                }
            }
            if (failure != null) {
                throw new IllegalStateException("tile failed in row " + row + ": " + failure, failure);
            }
            if (cancel.isCancelled()) {
                throw new CancellationException("cancelled after " + done + " of " + total + " tiles");
            }
            sink.writeRows(outputBand);
        }
        return modelNanos;
    }

    /** The full-width source rows that tile row {@code row}'s inputs read, after mirroring at the border. */
    static Region sourceRowsOf(TilePlan plan, int row) {
        Region input = plan.tile(0, row).input();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int y = input.y(); y < input.y() + input.height(); y++) {
            int mirrored = SymmetricBorder.index(y, plan.imageHeight());
            min = Math.min(min, mirrored);
            max = Math.max(max, mirrored);
        }
        return new Region(0, min, plan.imageWidth(), max - min + 1);
    }
}
