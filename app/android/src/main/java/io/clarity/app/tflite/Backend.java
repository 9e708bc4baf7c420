package io.clarity.app.tflite;

/** Where a model ran, in the order the runtime tries them. */
public enum Backend {
    /** The GPU delegate (OpenCL or OpenGL ES inside TFLite). */
    GPU,
    /** The CPU through XNNPACK. */
    CPU,
    /**
     * The engine's pure-Java reference network, built from the model's .clw weights: slower, but it needs no
     * native library (TFLite 2.16.1's .so files have 4 KB LOAD alignment, which 16 KB-page phones may refuse).
     */
    JAVA
}
