package io.clarity.app.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drill 10: a 50 MP photo at x4 (8165×6124 → 32660×24496) completes inside a 192 MB heap with the tile rows
 * {@link HeapBudget} sizes from that heap class. Runs in a JVM of its own with {@code -Xmx192m}, as ART would cap
 * the app, and prints the job's peak heap (pool peaks, garbage not yet collected included) and its largest band.
 */
public class LargePhotoMemoryTest {
    private static final int HEAP_CLASS_MB = 192;

    @Test
    public void fiftyMegapixelsAtX4FitA192MegabyteHeap() throws Exception {
        RunResult run = run(8165, 6124, 4, HEAP_CLASS_MB);
        System.out.println("50 MP x4 in -Xmx" + HEAP_CLASS_MB + "m: " + run.output.trim() + " (" + run.seconds + " s)");
        assertEquals(run.output, 0, run.exit);
        assertTrue(run.output, run.output.contains("rows=" + 6124 * 4));

        // The fixed 192-px tile rows of before would hold a 94 MB band (twice, while the next is allocated); the
        // budget keeps each to a quarter of the heap class. (Whether 94 MB bands fit depends on when the JIT lets
        // the old band go, so the band itself is what is checked.)
        long band = Long.parseLong(run.output.replaceAll("(?s).*maxBandMB=(\\d+).*", "$1"));
        assertTrue("band " + band + " MB", band <= HEAP_CLASS_MB / 4);
    }

    private static final class RunResult {
        int exit;
        String output;
        long seconds;
    }

    private static RunResult run(int width, int height, int scale, int heapClass) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = Arrays.asList(java, "-Xmx" + HEAP_CLASS_MB + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargePhotoRun.class.getName(),
                Integer.toString(width), Integer.toString(height), Integer.toString(scale), Integer.toString(heapClass));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
            }
        }
        assertTrue("finished within 5 minutes", p.waitFor(5, TimeUnit.MINUTES));
        RunResult result = new RunResult();
        result.exit = p.exitValue();
        result.output = out.toString();
        result.seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return result;
    }
}
