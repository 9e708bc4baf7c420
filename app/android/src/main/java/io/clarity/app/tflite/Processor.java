package io.clarity.app.tflite;

/** What the settings let a person pick: the processor jobs run on. */
public enum Processor {
    /** The fastest backend that passed this phone's benchmark ({@link BackendChoice}); the GPU before a benchmark. */
    AUTOMATIC,
    GPU,
    /** Only on API 27–34. */
    NNAPI,
    CPU
}
