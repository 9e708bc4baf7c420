package io.clarity.models.train;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;
import io.clarity.models.eval.Evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random training pairs on Y (0..1): the LR side is made exactly as the benchmark makes it (MATLAB-style
 * antialiased bicubic downscaling of the 8-bit RGB image, then Y), once per image and scale, so patches need
 * no resampling and match what the evaluator feeds the model. Each patch gets one of the 8 flips/rotations.
 * For networks that work at the output size (SRCNN) the LR image is bicubically pre-upscaled, as the engine's
 * {@code BicubicPreUpscaledModel} does.
 */
public final class PatchSampler {
    /** One image at one scale: network input plane and target plane. */
    private static final class Pair {
        final int scale;
        final FloatImage input;
        final FloatImage target;

        Pair(int scale, FloatImage input, FloatImage target) {
            this.scale = scale;
            this.input = input;
            this.target = target;
        }
    }

    /** A batch in N×C×H×W order. */
    public static final class Batch {
        public final int size;
        public final int channels;
        public final int inputSide;
        public final int targetSide;
        public final float[] input;
        public final float[] target;

        Batch(int size, int channels, int inputSide, int targetSide) {
            this.size = size;
            this.channels = channels;
            this.inputSide = inputSide;
            this.targetSide = targetSide;
            this.input = new float[size * channels * inputSide * inputSide];
            this.target = new float[size * channels * targetSide * targetSide];
        }
    }

    private final List<Pair> pairs = new ArrayList<>();
    private final double[] cumulativeArea;
    private final boolean preUpscaled;
    private final int inputSide;

    /**
     * @param inputSide patch side in network-input pixels (LR pixels, or HR pixels when pre-upscaled; then a
     *                  multiple of every scale)
     */
    public PatchSampler(List<ArgbImage> images, int[] scales, boolean preUpscaled, int inputSide) {
        if (images.isEmpty() || scales.length == 0) {
            throw new IllegalArgumentException("need at least one image and one scale");
        }
        for (int s : scales) {
            if (s < 2) {
                throw new IllegalArgumentException("scale must be >= 2, was " + s);
            }
            if (preUpscaled && inputSide % s != 0) {
                throw new IllegalArgumentException("pre-upscaled patch side " + inputSide + " is not a multiple of " + s);
            }
        }
        this.preUpscaled = preUpscaled;
        this.inputSide = inputSide;
        for (ArgbImage hr : images) {
            for (int s : scales) {
                ArgbImage gt = Evaluator.cropToMultiple(hr, s);
                int lrSidePixels = preUpscaled ? inputSide / s : inputSide;
                if (gt.width() / s < lrSidePixels || gt.height() / s < lrSidePixels) {
                    continue;
                }
                FloatImage lr = LumaPlanes.of(Evaluator.lowResolution(gt, s));
                pairs.add(new Pair(s, preUpscaled ? BicubicResampler.upscale(lr, s) : lr, LumaPlanes.of(gt)));
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no image is large enough for " + inputSide + "-pixel patches");
        }
        cumulativeArea = new double[pairs.size()];
        double total = 0;
        for (int i = 0; i < pairs.size(); i++) {
            total += (double) pairs.get(i).target.width() * pairs.get(i).target.height();
            cumulativeArea[i] = total;
        }
    }

    public int pairCount() {
        return pairs.size();
    }

    /** Target side for a scale-{@code scale} patch: equal to the input side when pre-upscaled. */
    public int targetSide(int scale) {
        return preUpscaled ? inputSide : inputSide * scale;
    }

    /**
     * Draws a batch whose images are picked in proportion to their area. With several scales in an LR-space
     * sampler the batch shapes would differ, so every sample of one batch shares the first pick's scale.
     */
    public Batch sample(Random random, int size) {
        Pair first = pick(random);
        int scale = first.scale;
        Batch batch = new Batch(size, 1, inputSide, targetSide(scale));
        for (int n = 0; n < size; n++) {
            Pair pair = n == 0 ? first : pick(random);
            while (!preUpscaled && pair.scale != scale) {
                pair = pick(random);
            }
            int ratio = preUpscaled ? pair.scale : 1;
            // Top-left corners on the LR grid keep input and target aligned whatever the scale.
            int lrW = pair.target.width() / pair.scale;
            int lrH = pair.target.height() / pair.scale;
            int lrSide = preUpscaled ? inputSide / pair.scale : inputSide;
            int lx = random.nextInt(lrW - lrSide + 1);
            int ly = random.nextInt(lrH - lrSide + 1);
            int transform = random.nextInt(8);
            copy(pair.input, lx * ratio, ly * ratio, inputSide, transform, batch.input, n * inputSide * inputSide);
            int ts = batch.targetSide;
            copy(pair.target, lx * pair.scale, ly * pair.scale, ts, transform, batch.target, n * ts * ts);
        }
        return batch;
    }

    private Pair pick(Random random) {
        double r = random.nextDouble() * cumulativeArea[cumulativeArea.length - 1];
        int lo = 0;
        int hi = cumulativeArea.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeArea[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return pairs.get(lo);
    }

    /** Copies a side×side window, transformed: bit 0 mirrors x, bit 1 mirrors y, bit 2 transposes. */
    static void copy(FloatImage src, int x0, int y0, int side, int transform, float[] dst, int offset) {
        float[] data = src.data();
        int w = src.width();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx = (transform & 1) != 0 ? side - 1 - x : x;
                int sy = (transform & 2) != 0 ? side - 1 - y : y;
                if ((transform & 4) != 0) {
                    int t = sx;
                    sx = sy;
                    sy = t;
                }
                dst[offset + y * side + x] = data[(y0 + sy) * w + x0 + sx];
            }
        }
    }
}
