package io.clarity.engine.degradation;

import java.util.Locale;

/**
 * How a degradation estimate becomes a cleaning strength: the sum of three ramps, each 0 at its light end and 1 at its
 * heavy end (JPEG quality falling from {@code qualityLight} to {@code qualityHeavy}, noise σ rising from
 * {@code noiseLight} to {@code noiseHeavy}, blur σ from {@code blurLight} to {@code blurHeavy}), clipped to 0..1, so
 * that a photo both compressed and noisy gets more than either alone. (A class, not a record: the engine keeps to
 * what animal-sniffer's API 26 signature knows.)
 */
public final class StrengthRamps {
    /**
     * realphoto-x2's light and heavy weights, chosen by io.clarity.models.eval.StrengthCalibration (issue #14): 60
     * training photos (T91, BSD200 and the downscaled photos; never the benchmarks), each clean, JPEG-only and through 4
     * random draws of blur × noise × JPEG (360 images), each upscaled at fixed strengths 0..1; these ends lose 0.172 dB
     * on average against each image's own best strength (the earlier ends, q90 → 50, σ 5 → 12, blur 0.6 → 1.0, chosen
     * on 20 levels of 8 BSD200 photos, lose 0.187; strength 0 throughout 0.525). The noise ramp is read on the pixels:
     * after JPEG q80 it sees about a quarter of σ 4, so the quality ramp carries the compressed-and-noisy middle; a
     * sharp bicubic-downscaled photo reads blur 0.05, and mild blur (σ 0.8 HR px at x2) reads too little to count.
     * realphoto-x4's light and heavy weights read these ramps too (not calibrated at x4).
     */
    public static final StrengthRamps REALPHOTO_X2 = new StrengthRamps(92, 50, 4, 10, 0.6, 1.0);

    private final double qualityLight;
    private final double qualityHeavy;
    private final double noiseLight;
    private final double noiseHeavy;
    private final double blurLight;
    private final double blurHeavy;

    public StrengthRamps(double qualityLight, double qualityHeavy, double noiseLight, double noiseHeavy,
                         double blurLight, double blurHeavy) {
        if (!(qualityHeavy < qualityLight && noiseHeavy > noiseLight && blurHeavy > blurLight)) {
            throw new IllegalArgumentException("each ramp's heavy end must lie past its light end: " + this);
        }
        this.qualityLight = qualityLight;
        this.qualityHeavy = qualityHeavy;
        this.noiseLight = noiseLight;
        this.noiseHeavy = noiseHeavy;
        this.blurLight = blurLight;
        this.blurHeavy = blurHeavy;
    }

    /** The strength 0..1 for a JPEG quality (null: not a JPEG), a noise σ (8-bit levels) and a blur σ (pixels). */
    public double strength(Integer quality, double noise, double blur) {
        double jpeg = quality == null ? 0 : Math.max(0, (qualityLight - quality) / (qualityLight - qualityHeavy));
        double sum = jpeg + Math.max(0, (noise - noiseLight) / (noiseHeavy - noiseLight))
                + Math.max(0, (blur - blurLight) / (blurHeavy - blurLight));
        return Math.min(1, sum);
    }

    public double qualityLight() {
        return qualityLight;
    }

    public double qualityHeavy() {
        return qualityHeavy;
    }

    public double noiseLight() {
        return noiseLight;
    }

    public double noiseHeavy() {
        return noiseHeavy;
    }

    public double blurLight() {
        return blurLight;
    }

    public double blurHeavy() {
        return blurHeavy;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JPEG q%.0f → q%.0f, noise σ %.1f → %.1f, blur σ %.2f → %.2f px",
                qualityLight, qualityHeavy, noiseLight, noiseHeavy, blurLight, blurHeavy);
    }
}
