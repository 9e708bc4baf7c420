package io.clarity.app.tflite;

/** Where a model ran, and with which of its files; a job falls from any of them to {@link #CPU}, then {@link #JAVA}. */
public enum Backend {
    /** The GPU delegate (OpenCL or OpenGL ES inside TFLite), on the fp16 model. */
    GPU("GPU"),
    /**
     * The NNAPI delegate on the int8 model: the phone's NPU or DSP where its driver takes the ops. Offered on
     * API 27–34 only ({@link BackendChoice#nnapiOffered}): NNAPI is deprecated from Android 15.
     */
    NNAPI("NNAPI"),
    /** The CPU through XNNPACK, on the int8 model. */
    CPU_INT8("CPU int8"),
    /** The CPU through XNNPACK on the float model (fp16 weights widened to fp32 at load): the reference. */
    CPU("CPU"),
    /**
     * The engine's pure-Java reference network, built from the model's .clw weights: slower, but it needs no
     * native library (TFLite 2.16.1's .so files have 4 KB LOAD alignment, which 16 KB-page phones may refuse).
     */
    JAVA("Java");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The name a person sees on the result and benchmark screens. */
    public String label() {
        return label;
    }

    /** Whether it runs the model's int8 file. */
    public boolean int8() {
        return this == NNAPI || this == CPU_INT8;
    }

    /** Whether a delegate whose driver may crash the process runs it (watched by {@link DelegateCrashGuard}). */
    public boolean delegate() {
        return this == GPU || this == NNAPI;
    }
}
