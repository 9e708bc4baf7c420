package io.clarity.app.work;

import io.clarity.app.TestNetworks;
import io.clarity.app.tflite.FallbackModel;
import io.clarity.app.tflite.RuntimeStats;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.nn.ReferenceModel;
import io.clarity.engine.pipeline.ModelFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Model "tiny": a real ×2 RGB network on the engine's pure-Java runtime, with a hook before each tile. Records the
 * detail strength each job asked for.
 */
final class FakeModelRuntime implements ModelRuntime {
    interface TileHook {
        void beforeTile(int tile) throws Exception;
    }

    static final String MODEL = "tiny";

    private final TileHook hook;
    int tiles;
    final List<Float> strengths = new ArrayList<>();

    FakeModelRuntime(TileHook hook) {
        this.hook = hook;
    }

    @Override
    public ModelFactory factory(String modelId, float detailStrength, RuntimeStats stats) throws IOException {
        strengths.add(detailStrength);
        if (!MODEL.equals(modelId)) {
            throw new IOException("no model " + modelId);
        }
        return () -> FallbackModel.create(backend -> new Hooked(ReferenceModel.freeShape(MODEL, TestNetworks.rgbTimes2(7))),
                false, stats);
    }

    private final class Hooked implements SuperResolutionModel {
        private final SuperResolutionModel inner;

        Hooked(SuperResolutionModel inner) {
            this.inner = inner;
        }

        @Override
        public ModelSpec spec() {
            return inner.spec();
        }

        @Override
        public FloatImage upscale(FloatImage tile) throws Exception {
            hook.beforeTile(++tiles);
            return inner.upscale(tile);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
