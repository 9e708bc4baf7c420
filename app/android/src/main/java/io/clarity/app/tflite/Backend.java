package io.clarity.app.tflite;

/** Where TFLite ran a model. */
public enum Backend {
    /** The GPU delegate (OpenCL or OpenGL ES inside TFLite). */
    GPU,
    /** The CPU through XNNPACK. */
    CPU
}
