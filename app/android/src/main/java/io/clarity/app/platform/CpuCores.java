package io.clarity.app.platform;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import java.io.IOException;

/**
 * How many "big" cores the phone has, for XNNPACK's threads: every core faster than the slowest cluster
 * (prime and performance cores; little cores slow a parallel convolution down to their pace).
 */
public final class CpuCores {
    private CpuCores() {
    }

    public static int bigCoreCount() {
        int cores = Runtime.getRuntime().availableProcessors();
        long[] max = new long[cores];
        long slowest = Long.MAX_VALUE;
        for (int i = 0; i < cores; i++) {
            max[i] = readLong(new File("/sys/devices/system/cpu/cpu" + i + "/cpufreq/cpuinfo_max_freq"));
            if (max[i] <= 0) {
                return Math.max(1, Math.min(4, cores));
            }
            slowest = Math.min(slowest, max[i]);
        }
        int big = 0;
        for (long m : max) {
            if (m > slowest) {
                big++;
            }
        }
        return big == 0 ? Math.min(4, cores) : big;
    }

    private static long readLong(File file) {
        try (BufferedReader in = new BufferedReader(new FileReader(file))) {
            String line = in.readLine();
            return line == null ? 0 : Long.parseLong(line.trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
