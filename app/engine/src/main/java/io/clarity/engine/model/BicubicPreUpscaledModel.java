package io.clarity.engine.model;

import io.clarity.engine.color.BicubicResampler;
import io.clarity.engine.image.FloatImage;

/**
 * Fits a network that works at the output resolution (SRCNN: bicubic pre-upscale, then 9-5-5 convolutions on
 * Y) to the engine's contract of low-resolution tiles in, upscaled tiles out: it upscales each tile
 * bicubically by {@code scale} (as MATLAB's imresize does, see {@link BicubicResampler#upscale}) and runs the
 * scale-1 inner model on the result. Its halo, in low-resolution pixels, is the inner halo divided by the
 * scale (rounded up) plus the bicubic kernel's radius of 2; so tiling stays exact. A fixed inner shape
 * must be a multiple of the scale; the outer fixed shape is that divided by the scale.
 */
public final class BicubicPreUpscaledModel implements SuperResolutionModel {
    private final SuperResolutionModel inner;
    private final int scale;
    private final ModelSpec spec;

    /** Takes ownership of {@code inner}: closing this model closes it. */
    public BicubicPreUpscaledModel(SuperResolutionModel inner, int scale) {
        ModelSpec in = inner.spec();
        if (in.scale() != 1) {
            throw new IllegalArgumentException("the inner model must work at scale 1, " + in.name() + " has scale " + in.scale());
        }
        if (scale < 2) {
            throw new IllegalArgumentException("pre-upscale factor must be >= 2, was " + scale);
        }
        int halo = (in.halo() + scale - 1) / scale + BicubicResampler.RADIUS;
        if (in.hasFixedTileShape()) {
            if (in.fixedTileWidth() % scale != 0 || in.fixedTileHeight() % scale != 0) {
                throw new IllegalArgumentException("fixed inner shape " + in.fixedTileWidth() + "x" + in.fixedTileHeight()
                        + " is not a multiple of the scale " + scale);
            }
            this.spec = ModelSpec.fixedShape(in.name(), scale, in.channels(), in.inputType(),
                    in.fixedTileWidth() / scale, in.fixedTileHeight() / scale, halo);
        } else {
            this.spec = ModelSpec.freeShape(in.name(), scale, in.channels(), in.inputType(), halo);
        }
        this.inner = inner;
        this.scale = scale;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) throws Exception {
        return inner.upscale(BicubicResampler.upscale(tile, scale));
    }

    @Override
    public void close() {
        inner.close();
    }
}
