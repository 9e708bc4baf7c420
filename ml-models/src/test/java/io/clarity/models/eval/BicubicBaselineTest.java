package io.clarity.models.eval;

import io.clarity.engine.pipeline.EnhanceOptions;
import io.clarity.models.data.SharedData;
import org.junit.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

/** The evaluator must reproduce the published bicubic rows before any model number it prints means anything. */
public class BicubicBaselineTest {
    private static final double TOLERANCE_DB = 0.05;

    private static void check(String set, int scale, double published) throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue("no shared/data beside the checkout: the benchmark sets are not here", data.isPresent());
        Evaluator.SetScore score = new Evaluator(new EnhanceOptions(2, 96))
                .evaluate(data.get().resolve("bench").resolve(set), scale, Evaluator.bicubic(scale));
        System.out.printf("bicubic %s x%d: PSNR %.3f dB (published %.2f), SSIM %.4f%n",
                set, scale, score.psnr, published, score.ssim);
        assertEquals(set + " x" + scale, published, score.psnr, TOLERANCE_DB);
    }

    @Test
    public void set5BicubicMatchesPublishedRows() throws Exception {
        check("Set5", 2, 33.66);
        check("Set5", 3, 30.39);
        check("Set5", 4, 28.42);
    }

    @Test
    public void set14BicubicMatchesPublishedRows() throws Exception {
        check("Set14", 2, 30.24);
        check("Set14", 3, 27.55);
        check("Set14", 4, 26.00);
    }
}
