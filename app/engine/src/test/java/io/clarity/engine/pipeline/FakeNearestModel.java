package io.clarity.engine.pipeline;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

/** Nearest-neighbour upscaling: the cheapest model whose exact output is known. */
final class FakeNearestModel implements SuperResolutionModel {
    private final ModelSpec spec;

    FakeNearestModel(int scale, ModelSpec.Channels channels) {
        this.spec = ModelSpec.freeShape("nearest", scale, channels, TensorType.FLOAT32, 0);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) {
        int s = spec.scale();
        int c = tile.channels();
        FloatImage out = new FloatImage(tile.width() * s, tile.height() * s, c);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                for (int ch = 0; ch < c; ch++) {
                    out.set(x, y, ch, tile.get(x / s, y / s, ch));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
