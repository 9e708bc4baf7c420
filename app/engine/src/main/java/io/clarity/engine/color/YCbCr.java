package io.clarity.engine.color;

/**
 * BT.601 YCbCr as MATLAB's {@code rgb2ycbcr}/{@code ycbcr2rgb} define it, which SRCNN and the published PSNR
 * tables use: for R, G, B in [0, 255], Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255, in 16..235.
 * Chroma is kept centred (Cb − 128, Cr − 128) and computed from colour differences, so that a gray pixel has
 * chroma exactly 0: it stays 0 through bicubic resampling and comes back as R = G = B exactly.
 */
public final class YCbCr {
    private static final double[][] FORWARD = {
            {65.481, 128.553, 24.966},
            {-37.797, -74.203, 112.0},
            {112.0, -93.786, -18.214},
    };
    private static final float Y_R = (float) (FORWARD[0][0] / 255);
    private static final float Y_G = (float) (FORWARD[0][1] / 255);
    private static final float Y_B = (float) (FORWARD[0][2] / 255);
    // Cb and Cr rows sum to zero: Cb = a (R − B) + b (G − B), Cr = a (G − R) + b (B − R).
    private static final float CB_RB = (float) (FORWARD[1][0] / 255);
    private static final float CB_GB = (float) (FORWARD[1][1] / 255);
    private static final float CR_GR = (float) (FORWARD[2][1] / 255);
    private static final float CR_BR = (float) (FORWARD[2][2] / 255);
    private static final float R_CB;
    private static final float R_CR;
    private static final float G_CB;
    private static final float G_CR;
    private static final float B_CB;
    private static final float B_CR;
    /** 255 / 219: every RGB channel gets the same share of (Y − 16), because M · (1, 1, 1) = (219, 0, 0). */
    private static final float RGB_Y = (float) (255.0 / 219.0);

    static {
        double[][] inverse = invert(FORWARD);
        // inverse maps (Y − 16, Cb − 128, Cr − 128) to RGB in [0, 1].
        R_CB = (float) (inverse[0][1] * 255);
        B_CR = (float) (inverse[2][2] * 255);
        R_CR = (float) (inverse[0][2] * 255);
        G_CB = (float) (inverse[1][1] * 255);
        G_CR = (float) (inverse[1][2] * 255);
        B_CB = (float) (inverse[2][1] * 255);
    }

    private YCbCr() {
    }

    /** Luma Y in [16, 235] for R, G, B in [0, 255]. */
    public static float luma(float r, float g, float b) {
        return 16f + Y_R * r + Y_G * g + Y_B * b;
    }

    /** Cb − 128, in [−112, 112]. */
    public static float blueChroma(float r, float g, float b) {
        return CB_RB * (r - b) + CB_GB * (g - b);
    }

    /** Cr − 128, in [−112, 112]. */
    public static float redChroma(float r, float g, float b) {
        return CR_GR * (g - r) + CR_BR * (b - r);
    }

    public static float red(float luma, float blueChroma, float redChroma) {
        return RGB_Y * (luma - 16f) + R_CB * blueChroma + R_CR * redChroma;
    }

    public static float green(float luma, float blueChroma, float redChroma) {
        return RGB_Y * (luma - 16f) + G_CB * blueChroma + G_CR * redChroma;
    }

    public static float blue(float luma, float blueChroma, float redChroma) {
        return RGB_Y * (luma - 16f) + B_CB * blueChroma + B_CR * redChroma;
    }

    /** Rounds a value on the 0..255 scale to 8 bits: half up, clamped, NaN to 0. */
    public static int toByte(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        if (v >= 255f) {
            return 255;
        }
        return (int) (v + 0.5f);
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                inv[i][j] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }
}
