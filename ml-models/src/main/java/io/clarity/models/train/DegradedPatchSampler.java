package io.clarity.models.train;

import io.clarity.engine.image.ArgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * RGB training pairs for the real-photo model: a random HR crop (flipped/rotated), and as input that crop
 * through a fresh {@link RealisticDegradation} draw, so every patch has its own blur, downscaling kernel,
 * noise and JPEG quality. Values are R, G, B / 255 as the engine feeds an RGB model.
 */
public final class DegradedPatchSampler {
    private final List<ArgbImage> images;
    private final double[] cumulativeArea;
    private final int scale;
    private final int inputSide;
    private final RealisticDegradation.Spread spread;

    public DegradedPatchSampler(List<ArgbImage> images, int scale, int inputSide) {
        this(images, scale, inputSide, RealisticDegradation.Spread.HEAVY);
    }

    /** Each patch's degradation is a fresh draw from {@code spread}. */
    public DegradedPatchSampler(List<ArgbImage> images, int scale, int inputSide, RealisticDegradation.Spread spread) {
        if (scale < 2 || inputSide < 4) {
            throw new IllegalArgumentException("scale must be >= 2 and patch side >= 4, were " + scale + ", " + inputSide);
        }
        this.images = new ArrayList<>();
        for (ArgbImage image : images) {
            if (image.width() >= inputSide * scale && image.height() >= inputSide * scale) {
                this.images.add(image);
            }
        }
        if (this.images.isEmpty()) {
            throw new IllegalArgumentException("no image is large enough for " + inputSide * scale + "-pixel HR patches");
        }
        cumulativeArea = new double[this.images.size()];
        double total = 0;
        for (int i = 0; i < this.images.size(); i++) {
            total += (double) this.images.get(i).width() * this.images.get(i).height();
            cumulativeArea[i] = total;
        }
        this.scale = scale;
        this.inputSide = inputSide;
        this.spread = spread;
    }

    public PatchSampler.Batch sample(Random random, int size) {
        int hrSide = inputSide * scale;
        PatchSampler.Batch batch = new PatchSampler.Batch(size, 3, inputSide, hrSide);
        for (int n = 0; n < size; n++) {
            ArgbImage image = pick(random);
            int x0 = random.nextInt(image.width() - hrSide + 1);
            int y0 = random.nextInt(image.height() - hrSide + 1);
            ArgbImage hr = crop(image, x0, y0, hrSide, random.nextInt(8));
            ArgbImage lr = spread.draw(random).apply(hr, scale);
            planes(hr, batch.target, n * 3 * hrSide * hrSide);
            planes(lr, batch.input, n * 3 * inputSide * inputSide);
        }
        return batch;
    }

    private ArgbImage pick(Random random) {
        double r = random.nextDouble() * cumulativeArea[cumulativeArea.length - 1];
        for (int i = 0; i < cumulativeArea.length; i++) {
            if (cumulativeArea[i] > r) {
                return images.get(i);
            }
        }
        return images.get(images.size() - 1);
    }

    /** A side×side crop, transformed: bit 0 mirrors x, bit 1 mirrors y, bit 2 transposes. */
    static ArgbImage crop(ArgbImage image, int x0, int y0, int side, int transform) {
        int[] src = image.pixels();
        int[] px = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx = (transform & 1) != 0 ? side - 1 - x : x;
                int sy = (transform & 2) != 0 ? side - 1 - y : y;
                if ((transform & 4) != 0) {
                    int t = sx;
                    sx = sy;
                    sy = t;
                }
                px[y * side + x] = src[(y0 + sy) * image.width() + x0 + sx];
            }
        }
        return new ArgbImage(side, side, px);
    }

    /** Writes R, G, B planes (C×H×W) divided by 255 at {@code offset}. */
    private static void planes(ArgbImage image, float[] dst, int offset) {
        int[] px = image.pixels();
        int n = px.length;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = ((px[i] >> 16) & 0xff) / 255f;
            dst[offset + n + i] = ((px[i] >> 8) & 0xff) / 255f;
            dst[offset + 2 * n + i] = (px[i] & 0xff) / 255f;
        }
    }
}
