package io.clarity.models.train;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the best linear upscaler of one plane by least squares: a k×k convolution to scale² sub-pixel phases
 * followed by depth-to-space, trained on pairs made the way the benchmarks make them (HR cropped to a multiple
 * of the scale, LR by MATLAB-style bicubic downscaling). It is the closed-form solution of the smallest model
 * our writer can express, so it needs no gradient descent: normal equations per phase, solved by Cholesky.
 */
public final class LinearUpscalerFit {
    private final int scale;
    private final int kernel;
    private final int unknowns;
    /** The upper triangle of XᵀX (one for all phases: they share the LR patch) and Xᵀy per phase. */
    private final double[] gram;
    private final double[][] rhs;
    private long samples;

    public LinearUpscalerFit(int scale, int kernel) {
        if (scale < 2 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("need scale >= 2 and an odd kernel, got x" + scale + ", k " + kernel);
        }
        this.scale = scale;
        this.kernel = kernel;
        this.unknowns = kernel * kernel + 1;
        int phases = scale * scale;
        gram = new double[unknowns * unknowns];
        rhs = new double[phases][unknowns];
    }

    /** Adds every interior LR pixel of one HR plane (1 channel, values in [0, 1]) as a training sample. */
    public void add(FloatImage hr) {
        if (hr.channels() != 1) {
            throw new IllegalArgumentException("fit one plane at a time, got " + hr.channels() + " channels");
        }
        int w = hr.width() - hr.width() % scale;
        int h = hr.height() - hr.height() % scale;
        FloatImage cropped = crop(hr, w, h);
        FloatImage lr = BicubicResampler.resize(cropped, 1.0 / scale);
        int r = kernel / 2;
        double[] x = new double[unknowns];
        for (int ly = r; ly < lr.height() - r; ly++) {
            for (int lx = r; lx < lr.width() - r; lx++) {
                int n = 0;
                for (int ky = -r; ky <= r; ky++) {
                    for (int kx = -r; kx <= r; kx++) {
                        x[n++] = lr.get(lx + kx, ly + ky, 0);
                    }
                }
                x[n] = 1.0; // bias
                for (int i = 0; i < unknowns; i++) {
                    double xi = x[i];
                    int row = i * unknowns;
                    for (int j = i; j < unknowns; j++) {
                        gram[row + j] += xi * x[j];
                    }
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        double target = cropped.get(lx * scale + dx, ly * scale + dy, 0);
                        double[] b = rhs[dy * scale + dx];
                        for (int i = 0; i < unknowns; i++) {
                            b[i] += x[i] * target;
                        }
                    }
                }
                samples++;
            }
        }
    }

    public long samples() {
        return samples;
    }

    /**
     * The fitted network: Conv2d(1 → scale², k×k, OHWI with output channel {@code dy·scale + dx}, the
     * DEPTH_TO_SPACE order) then DepthToSpace(scale).
     */
    public Network solve() {
        if (samples < unknowns) {
            throw new IllegalStateException("only " + samples + " samples for " + unknowns + " unknowns");
        }
        int phases = scale * scale;
        int taps = kernel * kernel;
        float[] weights = new float[phases * taps];
        float[] bias = new float[phases];
        for (int p = 0; p < phases; p++) {
            double[] solution = solveSymmetric(gram, rhs[p], unknowns);
            for (int t = 0; t < taps; t++) {
                weights[p * taps + t] = (float) solution[t];
            }
            bias[p] = (float) solution[taps];
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(1, phases, kernel, weights, bias, false));
        layers.add(new DepthToSpace(scale));
        return new Network(1, layers);
    }

    /** Cholesky on the upper-triangle-filled normal equations, with a tiny ridge for conditioning. */
    private static double[] solveSymmetric(double[] upper, double[] b, int n) {
        double[] a = new double[n * n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i * n + j] = upper[i * n + j];
                a[j * n + i] = upper[i * n + j];
            }
            trace += upper[i * n + i];
        }
        double ridge = 1e-9 * trace / n;
        for (int i = 0; i < n; i++) {
            a[i * n + i] += ridge;
        }
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new IllegalStateException("normal equations are not positive definite");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }

    private static FloatImage crop(FloatImage image, int w, int h) {
        if (w == image.width() && h == image.height()) {
            return image;
        }
        FloatImage out = new FloatImage(w, h, image.channels());
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), y * image.width() * image.channels(), out.data(), y * w * image.channels(),
                    w * image.channels());
        }
        return out;
    }
}
