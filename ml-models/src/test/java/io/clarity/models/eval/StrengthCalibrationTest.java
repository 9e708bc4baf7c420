package io.clarity.models.eval;

import io.clarity.engine.degradation.StrengthRamps;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class StrengthCalibrationTest {

    @Test
    public void drawsAreACleanImageAJpegOnlyOneAndABroadSpread() {
        Random random = new Random(1);
        int blurred = 0;
        int noisy = 0;
        int compressed = 0;
        for (int image = 0; image < 200; image++) {
            for (int d = 0; d < StrengthCalibration.DRAWS; d++) {
                StrengthCalibration.Level level = StrengthCalibration.draw(random, d);
                if (d == 0) {
                    assertEquals(new StrengthCalibration.Level(0, 0, 0), level);
                } else if (d == 1) {
                    assertTrue(level.toString(), level.blur() == 0 && level.noise() == 0
                            && level.quality() >= 80 && level.quality() <= 98);
                } else {
                    assertTrue(level.toString(), level.blur() == 0 || (level.blur() >= 0.3 && level.blur() <= 2.4));
                    assertTrue(level.toString(), level.noise() == 0 || (level.noise() >= 1 && level.noise() <= 16));
                    assertTrue(level.toString(), level.quality() == 0 || (level.quality() >= 30 && level.quality() <= 98));
                    blurred += level.blur() > 0 ? 1 : 0;
                    noisy += level.noise() > 0 ? 1 : 0;
                    compressed += level.quality() > 0 ? 1 : 0;
                }
            }
        }
        int spread = 200 * (StrengthCalibration.DRAWS - 2);
        assertEquals(0.6, blurred / (double) spread, 0.05);
        assertEquals(0.6, noisy / (double) spread, 0.05);
        assertEquals(0.75, compressed / (double) spread, 0.05);
    }

    @Test
    public void theFitFindsTheRampsThatMatchEachImagesBestStrength() {
        // each image's PSNR peaks where a JPEG ramp from q80 (0) to q40 (1) and a noise ramp from σ 6 to 16 put it
        StrengthRamps truth = new StrengthRamps(80, 40, 6, 16, 1.0, 2.0);
        List<StrengthCalibration.Sample> samples = new ArrayList<>();
        for (int quality : new int[] {95, 90, 80, 70, 60, 50, 40, 0}) {
            for (double noise : new double[] {1, 6, 8.5, 11, 16}) {
                double target = truth.strength(quality == 0 ? null : quality, noise, 0.05);
                double[] psnr = new double[StrengthCalibration.STRENGTHS.length];
                for (int k = 0; k < psnr.length; k++) {
                    psnr[k] = 30 - 2 * Math.abs(StrengthCalibration.STRENGTHS[k] - target);
                }
                samples.add(new StrengthCalibration.Sample(new StrengthCalibration.Level(0, noise, quality), quality,
                        noise, 0.05, psnr));
            }
        }
        assertTrue(StrengthCalibration.loss(samples, new StrengthRamps(95, 50, 2, 8, 1.0, 2.0))[0] > 0.1);
        StrengthRamps fitted = StrengthCalibration.fit(samples);
        assertEquals(fitted.toString(), 0, StrengthCalibration.loss(samples, fitted)[0], 1e-9);
        assertEquals(80, fitted.qualityLight(), 0);
        assertEquals(40, fitted.qualityHeavy(), 0);
        assertEquals(6, fitted.noiseLight(), 0);
        assertEquals(16, fitted.noiseHeavy(), 0);
    }
}
