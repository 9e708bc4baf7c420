package io.clarity.models.eval;

/**
 * PSNR and SSIM on the 0..255 scale as the super-resolution literature computes them: PSNR = 10·log10(255²/MSE);
 * SSIM after Wang et al. 2004 (11×11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03, 'valid' windows only,
 * mean over the map).
 */
public final class QualityMetrics {
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private QualityMetrics() {
    }

    public static double psnr(LumaPlane a, LumaPlane b) {
        checkSameSize(a, b);
        double sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                double d = a.get(x, y) - b.get(x, y);
                sum += d * d;
            }
        }
        double mse = sum / ((double) a.width() * a.height());
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    public static double ssim(LumaPlane a, LumaPlane b) {
        checkSameSize(a, b);
        if (a.width() < WINDOW || a.height() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels");
        }
        double[] g = new double[WINDOW * WINDOW];
        double total = 0;
        int r = WINDOW / 2;
        for (int y = 0; y < WINDOW; y++) {
            for (int x = 0; x < WINDOW; x++) {
                double v = Math.exp(-((x - r) * (x - r) + (y - r) * (y - r)) / (2 * SIGMA * SIGMA));
                g[y * WINDOW + x] = v;
                total += v;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= total;
        }
        double sum = 0;
        int count = 0;
        for (int y0 = 0; y0 + WINDOW <= a.height(); y0++) {
            for (int x0 = 0; x0 + WINDOW <= a.width(); x0++) {
                double ma = 0;
                double mb = 0;
                double aa = 0;
                double bb = 0;
                double ab = 0;
                for (int y = 0; y < WINDOW; y++) {
                    for (int x = 0; x < WINDOW; x++) {
                        double w = g[y * WINDOW + x];
                        double va = a.get(x0 + x, y0 + y);
                        double vb = b.get(x0 + x, y0 + y);
                        ma += w * va;
                        mb += w * vb;
                        aa += w * va * va;
                        bb += w * vb * vb;
                        ab += w * va * vb;
                    }
                }
                double varA = aa - ma * ma;
                double varB = bb - mb * mb;
                double cov = ab - ma * mb;
                sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (varA + varB + C2));
                count++;
            }
        }
        return sum / count;
    }

    private static void checkSameSize(LumaPlane a, LumaPlane b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("planes differ in size: " + a.width() + "x" + a.height() + " vs "
                    + b.width() + "x" + b.height());
        }
    }
}
