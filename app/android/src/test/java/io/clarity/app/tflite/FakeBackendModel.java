package io.clarity.app.tflite;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;

/** A model on one pretend backend that can be told to fail from its n-th tile on, as a lost GPU context does. */
final class FakeBackendModel implements SuperResolutionModel {
    private final SuperResolutionModel inner;
    private final int failFromTile;
    private int tiles;
    boolean closed;

    /** @param failFromTile 1-based tile that first throws; 0 never fails */
    FakeBackendModel(SuperResolutionModel inner, int failFromTile) {
        this.inner = inner;
        this.failFromTile = failFromTile;
    }

    @Override
    public ModelSpec spec() {
        return inner.spec();
    }

    @Override
    public FloatImage upscale(FloatImage tile) throws Exception {
        tiles++;
        if (failFromTile > 0 && tiles >= failFromTile) {
            throw new IllegalStateException("TfLiteGpuDelegate Invoke: CL_OUT_OF_RESOURCES");
        }
        return inner.upscale(tile);
    }

    int tiles() {
        return tiles;
    }

    @Override
    public void close() {
        closed = true;
        inner.close();
    }
}
