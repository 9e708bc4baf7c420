package io.clarity.models.train;

/** Settings the PyTorch engine reads once, before it starts: one thread, so tests stay deterministic. */
final class PyTorchTestEnvironment {
    private PyTorchTestEnvironment() {
    }

    static void configure() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
