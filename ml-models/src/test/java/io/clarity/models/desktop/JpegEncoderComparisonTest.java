package io.clarity.models.desktop;

import org.junit.Assume;
import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class JpegEncoderComparisonTest {
    @Test
    public void qualityNinetyFiveIsWithinAThirdOfADecibelAndTenPercentOfImageIoOnSet5AndSet14() throws IOException {
        Path bench = sharedData().resolve("bench");
        List<JpegEncoderComparison.Result> results = new ArrayList<>();
        results.addAll(JpegEncoderComparison.compareDirectory(bench.resolve("Set5"), 95));
        results.addAll(JpegEncoderComparison.compareDirectory(bench.resolve("Set14"), 95));
        assertEquals(19, results.size());
        for (JpegEncoderComparison.Result r : results) {
            assertEquals(r.name + " PSNR", r.imageIoPsnr, r.oursPsnr, 0.3);
            double sizeRatio = (double) r.oursBytes / r.imageIoBytes;
            assertTrue(r.name + " size ratio " + sizeRatio, sizeRatio > 0.9 && sizeRatio < 1.1);
        }
    }

    /** ../shared/data beside the checkout: walks up from the working directory; skips when absent. */
    static Path sharedData() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assume.assumeTrue("../shared/data not found", false);
        return null;
    }
}
