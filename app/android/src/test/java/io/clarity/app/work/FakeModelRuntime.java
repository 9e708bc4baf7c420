package io.clarity.app.work;

import io.clarity.app.TestNetworks;
import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.FallbackModel;
import io.clarity.app.tflite.DelegateCrashGuard;
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
 * Model "tiny": a real ×2 RGB network on the engine's pure-Java runtime, behind the app's real backend chain
 * ({@link FallbackModel}, and {@link DelegateCrashGuard} when a pretend GPU is supported), with a hook before each tile.
 * Records the detail and cleaning strengths each job asked for and the backends it created.
 */
final class FakeModelRuntime implements ModelRuntime {
    interface TileHook {
        void beforeTile(Backend backend, int tile) throws Exception;
    }

    static final String MODEL = "tiny";

    private final TileHook hook;
    private final DelegateCrashGuard gpu;
    int tiles;
    final List<Float> strengths = new ArrayList<>();
    final List<Float> cleaningStrengths = new ArrayList<>();
    final List<Backend> created = new ArrayList<>();

    /** CPU only. */
    FakeModelRuntime(TileHook hook) {
        this(hook, null);
    }

    /** @param gpu a pretend GPU is supported, admitted by this guard */
    FakeModelRuntime(TileHook hook, DelegateCrashGuard gpu) {
        this.hook = hook;
        this.gpu = gpu;
    }

    @Override
    public ModelFactory factory(String modelId, float detailStrength, CleaningStrength cleaning, RuntimeStats stats)
            throws IOException {
        strengths.add(detailStrength);
        cleaningStrengths.add(cleaning.measure()); // "tiny" stands for a model that cleans
        if (!MODEL.equals(modelId)) {
            throw new IOException("no model " + modelId);
        }
        DelegateCrashGuard admitted = gpu == null ? null : gpu.admit(modelId, true, stats);
        return () -> FallbackModel.create(backend -> {
            synchronized (created) {
                created.add(backend);
            }
            return new Hooked(backend, ReferenceModel.freeShape(MODEL, TestNetworks.rgbTimes2(7)));
        }, modelId, admitted, stats);
    }

    private final class Hooked implements SuperResolutionModel {
        private final Backend backend;
        private final SuperResolutionModel inner;

        Hooked(Backend backend, SuperResolutionModel inner) {
            this.backend = backend;
            this.inner = inner;
        }

        @Override
        public ModelSpec spec() {
            return inner.spec();
        }

        @Override
        public FloatImage upscale(FloatImage tile) throws Exception {
            hook.beforeTile(backend, ++tiles);
            return inner.upscale(tile);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
