package io.clarity.engine.io;

import io.clarity.engine.image.ArgbImage;

import java.awt.image.BufferedImage;
import java.util.Random;

/** Synthetic pictures and comparisons for the writer tests. */
final class TestImages {
    private TestImages() {
    }

    /** Smooth gradients with some texture and noise: photo-like content for lossy coding. */
    static ArgbImage photoLike(int width, int height, boolean alpha, long seed) {
        Random random = new Random(seed);
        ArgbImage img = new ArgbImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(128 + 100 * Math.sin(x / 7.0) * Math.cos(y / 11.0) + random.nextGaussian() * 3);
                int g = clamp(255.0 * x / width);
                int b = clamp(255.0 * y / height + 20 * Math.sin((x + y) / 5.0));
                int a = alpha ? (x * 7 + y * 3) & 0xFF : 0xFF;
                img.set(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The rows [from, from + rows) of an image, as a band. */
    static ArgbImage band(ArgbImage img, int from, int rows) {
        int[] px = new int[img.width() * rows];
        System.arraycopy(img.pixels(), from * img.width(), px, 0, px.length);
        return new ArgbImage(img.width(), rows, px);
    }

    static BufferedImage toBuffered(ArgbImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, img.width(), img.height(), img.pixels(), 0, img.width());
        return b;
    }

    /** PSNR over R, G and B. */
    static double psnr(ArgbImage expected, BufferedImage actual) {
        double sum = 0;
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                int e = expected.get(x, y);
                int a = actual.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((e >> shift) & 0xFF) - ((a >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * expected.width() * expected.height());
        return 10 * Math.log10(255 * 255 / mse);
    }
}
