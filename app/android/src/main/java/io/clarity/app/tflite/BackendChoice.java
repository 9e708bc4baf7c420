package io.clarity.app.tflite;

import java.util.ArrayList;
import java.util.List;

/**
 * Which backend a job starts on: the person's processor setting, what this phone has, and what its benchmark
 * measured. Pure, so tests run it with made-up phones. A backend whose output failed the benchmark's check is never
 * chosen, however fast it was; "automatic" picks the fastest that passed.
 */
public final class BackendChoice {
    /** NNAPI's first API level with the ops the models use (8.1), and its last before Android 15 deprecated it. */
    public static final int NNAPI_FIRST_API = 27;
    public static final int NNAPI_LAST_API = 34;

    /** Why the job starts where it does, when that is not what was asked for. */
    public enum Why { AS_ASKED, GPU_UNSUPPORTED, NNAPI_UNSUPPORTED, FAILED_CHECK, NO_INT8_MODEL }

    /** The backend and why. */
    public static final class Choice {
        public final Backend backend;
        public final Why why;

        Choice(Backend backend, Why why) {
            this.backend = backend;
            this.why = why;
        }
    }

    private BackendChoice() {
    }

    public static boolean nnapiOffered(int apiLevel) {
        return apiLevel >= NNAPI_FIRST_API && apiLevel <= NNAPI_LAST_API;
    }

    /** The processors the settings offer at {@code apiLevel}. */
    public static List<Processor> processors(int apiLevel) {
        List<Processor> out = new ArrayList<>();
        for (Processor p : Processor.values()) {
            if (p != Processor.NNAPI || nnapiOffered(apiLevel)) {
                out.add(p);
            }
        }
        return out;
    }

    /** What the benchmark tries, reference first: the CPU fp32, XNNPACK int8, the GPU (fp16), NNAPI (int8). */
    public static List<Backend> candidates(int apiLevel, boolean gpuSupported) {
        List<Backend> out = new ArrayList<>();
        out.add(Backend.CPU);
        out.add(Backend.CPU_INT8);
        if (gpuSupported) {
            out.add(Backend.GPU);
        }
        if (nnapiOffered(apiLevel)) {
            out.add(Backend.NNAPI);
        }
        return out;
    }

    /**
     * @param measured     this model's benchmark measurements (empty before "Test this phone" ran)
     * @param int8Runnable whether the job can run the model's int8 file (it has one, and runs it unblended)
     */
    public static Choice choose(Processor processor, int apiLevel, boolean gpuSupported,
                                List<BenchmarkResult.Measurement> measured, boolean int8Runnable) {
        switch (processor) {
            case GPU:
                if (!gpuSupported) {
                    return new Choice(Backend.CPU, Why.GPU_UNSUPPORTED);
                }
                return failedCheck(Backend.GPU, measured) ? new Choice(Backend.CPU, Why.FAILED_CHECK)
                        : new Choice(Backend.GPU, Why.AS_ASKED);
            case NNAPI:
                if (!nnapiOffered(apiLevel)) {
                    return new Choice(Backend.CPU, Why.NNAPI_UNSUPPORTED);
                }
                if (!int8Runnable) {
                    return new Choice(Backend.CPU, Why.NO_INT8_MODEL);
                }
                return failedCheck(Backend.NNAPI, measured) ? new Choice(Backend.CPU, Why.FAILED_CHECK)
                        : new Choice(Backend.NNAPI, Why.AS_ASKED);
            case CPU: {
                Backend fastest = fastestPassed(measured, apiLevel, gpuSupported, int8Runnable, true);
                return new Choice(fastest == Backend.CPU_INT8 ? Backend.CPU_INT8 : Backend.CPU, Why.AS_ASKED);
            }
            default: {
                Backend fastest = fastestPassed(measured, apiLevel, gpuSupported, int8Runnable, false);
                if (fastest != null) {
                    return new Choice(fastest, Why.AS_ASKED);
                }
                // Not measured yet: the GPU where TFLite vouches for it, as before there was a benchmark.
                return new Choice(gpuSupported && !failedCheck(Backend.GPU, measured) ? Backend.GPU : Backend.CPU,
                        Why.AS_ASKED);
            }
        }
    }

    private static boolean failedCheck(Backend backend, List<BenchmarkResult.Measurement> measured) {
        for (BenchmarkResult.Measurement m : measured) {
            if (m.backend == backend && !m.passed()) {
                return true;
            }
        }
        return false;
    }

    private static Backend fastestPassed(List<BenchmarkResult.Measurement> measured, int apiLevel, boolean gpuSupported,
                                         boolean int8Runnable, boolean cpuOnly) {
        Backend best = null;
        double bestMillis = Double.MAX_VALUE;
        for (BenchmarkResult.Measurement m : measured) {
            boolean available;
            switch (m.backend) {
                case GPU:
                    available = !cpuOnly && gpuSupported;
                    break;
                case NNAPI:
                    available = !cpuOnly && nnapiOffered(apiLevel) && int8Runnable;
                    break;
                case CPU_INT8:
                    available = int8Runnable;
                    break;
                case CPU:
                    available = true;
                    break;
                default:
                    available = false;
            }
            if (available && m.passed() && m.millisPerTile < bestMillis) {
                best = m.backend;
                bestMillis = m.millisPerTile;
            }
        }
        return best;
    }
}
