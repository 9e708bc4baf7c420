package io.clarity.models.train;

import ai.djl.ndarray.NDArray;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.Network;
import io.clarity.models.quant.ActivationRanges;
import io.clarity.models.quant.AffineInt8;
import io.clarity.models.tflite.ExportModel;
import io.clarity.models.tflite.TfliteModelWriter;

import java.util.List;

/**
 * The int8 model's activation rounding, simulated in the float training graph for quantization-aware
 * fine-tuning: the input on TFLite's 1/255 grid (unless a float head reads it), and every layer output on the
 * 255-step grid of the range the int8 writer would give it (the output maker's clipped to [0, 1], DEPTH_TO_SPACE
 * untouched, as in {@link TfliteModelWriter#writeInt8}), and the Fast family's skip, float head and float tail kept
 * float as {@link ExportModel#int8} writes them ({@link TfliteModelWriter#int8Layout}). The grids are the calibrated
 * ranges before {@link io.clarity.models.quant.RangeNarrowing}, which the export chooses afresh for the trained
 * weights. Rounding passes its gradient straight through; clipping stops it.
 * Weights stay float: the writer's error-feedback rounding handles them, and activations are where fast-x2
 * lost its int8 PSNR (README).
 */
final class FakeQuantization {
    private final AffineInt8 inputGrid;
    private final AffineInt8[] grids;
    private final boolean floatSkip;

    FakeQuantization(Network network, ActivationRanges ranges) {
        List<Layer> layers = network.layers();
        if (ranges.layerCount() != layers.size()) {
            throw new IllegalArgumentException("ranges cover " + ranges.layerCount() + " layers, network has " + layers.size());
        }
        int outputMaker = TfliteModelWriter.outputMaker(network);
        grids = new AffineInt8[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof DepthToSpace) {
                continue;
            }
            grids[i] = TfliteModelWriter.outputQuantization(network, ranges, i, true);
        }
        TfliteModelWriter.Int8Layout layout = TfliteModelWriter.int8Layout(network);
        floatSkip = layout.floatSkip();
        // ExportModel's float layers: the skip's sum (an input skip adds the float input, TrainableNetwork; the
        // older layout's copy is rounded for the body only), the float tail, and the float head, whose last output
        // is rounded for the int8 body
        for (int i = 0; i < layers.size(); i++) {
            if (layout.runsInFloat(i) && i != layout.headEnd() - 1) {
                grids[i] = null;
            }
        }
        boolean copyFirst = floatSkip && !(layers.get(outputMaker) instanceof InputSkip);
        inputGrid = copyFirst || layout.headEnd() > 0 ? null : TfliteModelWriter.inputQuantization();
    }

    /**
     * Whether an Add reading layer {@code layer} reads its float value (the older layout's float skip) rather than
     * its int8 one.
     */
    boolean addsFloat(int layer) {
        return floatSkip && layer == 0;
    }

    NDArray input(NDArray x) {
        return inputGrid == null ? x : round(x, inputGrid);
    }

    NDArray output(NDArray x, int layer) {
        return grids[layer] == null ? x : round(x, grids[layer]);
    }

    /**
     * real = scale·(q − zero point), q in −128..127: clipped to the grid's ends (no gradient outside), then
     * snapped to it (gradient passed through).
     */
    private static NDArray round(NDArray x, AffineInt8 grid) {
        float lo = grid.scale * (-128 - grid.zeroPoint);
        float hi = grid.scale * (127 - grid.zeroPoint);
        NDArray clipped = x.clip(lo, hi);
        NDArray snapped = clipped.div(grid.scale).round().mul(grid.scale);
        return clipped.add(snapped.sub(clipped).stopGradient());
    }
}
