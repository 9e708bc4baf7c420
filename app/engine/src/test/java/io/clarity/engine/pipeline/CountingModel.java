package io.clarity.engine.pipeline;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

import java.util.concurrent.atomic.AtomicInteger;

/** Delegates to a real model and counts calls and closes, shared across the instances of one test. */
final class CountingModel implements SuperResolutionModel {
    private final SuperResolutionModel delegate;
    private final AtomicInteger calls;
    private final AtomicInteger closes;

    CountingModel(SuperResolutionModel delegate, AtomicInteger calls, AtomicInteger closes) {
        this.delegate = delegate;
        this.calls = calls;
        this.closes = closes;
    }

    @Override
    public ModelSpec spec() {
        return delegate.spec();
    }

    @Override
    public FloatImage upscale(FloatImage tile) throws Exception {
        calls.incrementAndGet();
        return delegate.upscale(tile);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        delegate.close();
    }
}
