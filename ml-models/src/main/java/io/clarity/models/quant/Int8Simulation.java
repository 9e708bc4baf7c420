package io.clarity.models.quant;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.models.tflite.TfliteModelWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the float-I/O int8 file {@link TfliteModelWriter#writeInt8} writes (output over [0, 1]) computes, in float:
 * the same int8 weights, int32 biases and PReLU slopes, every int8 tensor rounded and clipped to its grid, the float
 * skip, float head and float tail in float. Pixel for pixel it drifts from TFLite (a value its fixed-point requantization
 * rounds the other way changes every later rounding), but its error against float has the size of TFLite's
 * ({@code Int8ExportTest}), so a choice that needs many int8 runs (the ranges of {@link RangeNarrowing}) is
 * measured here instead of through the runtime's slow x86 int8 kernels.
 */
public final class Int8Simulation {
    private final Network network;
    private final TfliteModelWriter.Int8Layout layout;
    /** Per layer: its int8 equivalent (convolutions, PReLUs) or the layer itself. */
    private final List<Layer> layers = new ArrayList<>();
    /** Per layer: the grid its output is rounded to, or null where it stays float or keeps its input's. */
    private final AffineInt8[] grids;

    /** @param layout the float layers, as {@link TfliteModelWriter#writeInt8} writes them */
    public Int8Simulation(Network network, ActivationRanges ranges, TfliteModelWriter.Int8Layout layout) {
        List<Layer> source = network.layers();
        int outputMaker = TfliteModelWriter.outputMaker(network);
        this.network = network;
        this.layout = layout;
        if (layout.floatSkip() && !(source.get(outputMaker) instanceof InputSkip)) {
            throw new IllegalArgumentException("the simulation knows the float skip of an InputSkip only");
        }
        TfliteModelWriter.checkLayout(network, layout);
        this.grids = new AffineInt8[source.size()];
        AffineInt8 in = TfliteModelWriter.inputQuantization();
        for (int i = 0; i < source.size(); i++) {
            Layer layer = source.get(i);
            if (i < layout.headEnd()) {
                // the float head: float on the float input, its last output QUANTIZEd for the int8 body
                layers.add(layer);
                if (i == layout.headEnd() - 1) {
                    grids[i] = TfliteModelWriter.outputQuantization(network, ranges, i, true);
                    in = grids[i];
                }
                continue;
            }
            if (layout.runsInFloat(i) || layer instanceof DepthToSpace) {
                layers.add(layer);
                continue;
            }
            if (layer instanceof InputSkip || (layer instanceof Add && ((Add) layer).from() != Add.NETWORK_INPUT)) {
                throw new IllegalArgumentException("layer " + i + ": the simulation has no int8 " + layer.getClass().getSimpleName());
            }
            AffineInt8 out = TfliteModelWriter.outputQuantization(network, ranges, i, true);
            if (layer instanceof Conv2d) {
                layers.add(TfliteModelWriter.int8Equivalent((Conv2d) layer, in, ranges, i));
            } else if (layer instanceof PRelu) {
                layers.add(TfliteModelWriter.int8Equivalent((PRelu) layer));
            } else {
                layers.add(layer);
            }
            grids[i] = out;
            in = out;
        }
    }

    /** The int8 model's output for one input tile. */
    public FloatImage forward(FloatImage input) {
        FloatImage quantizedInput = round(input, TfliteModelWriter.inputQuantization());
        FloatImage current = layout.headEnd() > 0 ? input : quantizedInput;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Add) {
                current = Calibration.sum(current, quantizedInput);
            } else if (layer instanceof InputSkip) {
                current = Calibration.sum(current, single(((InputSkip) layer).projection(), input));
            } else {
                current = single(layer, current);
            }
            if (grids[i] != null) {
                current = round(current, grids[i]);
            }
        }
        return current;
    }

    /** Mean squared difference of the simulated int8 output from the float network's, both clamped to [0, 1]. */
    public double meanSquaredErrorAgainstFloat(List<FloatImage> tiles) {
        double sum = 0;
        long count = 0;
        for (FloatImage tile : tiles) {
            float[] expected = network.forward(tile).data();
            float[] actual = forward(tile).data();
            for (int p = 0; p < expected.length; p++) {
                double d = clamp(expected[p]) - clamp(actual[p]);
                sum += d * d;
            }
            count += expected.length;
        }
        return sum / count;
    }

    private static double clamp(float v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static FloatImage single(Layer layer, FloatImage input) {
        return new Network(input.channels(), Collections.singletonList(layer)).forward(input);
    }

    private static FloatImage round(FloatImage image, AffineInt8 q) {
        float[] d = image.data().clone();
        for (int p = 0; p < d.length; p++) {
            d[p] = q.dequantize(q.quantize(d[p]));
        }
        return new FloatImage(image.width(), image.height(), image.channels(), d);
    }
}
