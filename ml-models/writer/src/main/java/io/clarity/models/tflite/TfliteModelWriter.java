package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.nn.Add;
import io.clarity.engine.nn.Conv2d;
import io.clarity.engine.nn.DepthToSpace;
import io.clarity.engine.nn.InputSkip;
import io.clarity.engine.nn.Layer;
import io.clarity.engine.nn.LeakyRelu;
import io.clarity.engine.nn.Network;
import io.clarity.engine.nn.PRelu;
import io.clarity.models.quant.ActivationRanges;
import io.clarity.models.quant.AffineInt8;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthToSpaceOptions;
import org.tensorflow.lite.schema.LeakyReluOptions;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.TensorType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes a {@link Network} as a .tflite flatbuffer with a free-size input {@code [1, -1, -1, C]}: in float32,
 * in float32 with float16 weights (DEQUANTIZE in front of each weight, the GPU delegate's favourite), or in
 * int8 with per-channel post-training quantization. Model facts the runtime needs (scale, channels, halo)
 * travel in the {@value ModelDescription#NAME} metadata entry.
 */
public final class TfliteModelWriter {

    /** How the int8 model meets its caller. */
    public enum Int8Io {
        /** float32 input and output; QUANTIZE and DEQUANTIZE run inside the model. */
        FLOAT,
        /** int8 input and output; the caller quantizes (input scale 1/255, zero point −128). */
        INT8
    }

    /** Convolutions {@link #floatTailStart} keeps in float. */
    static final int FLOAT_TAIL_CONVOLUTIONS = 2;

    private TfliteModelWriter() {
    }

    public static byte[] writeFloat32(Network network, ModelDescription metadata) {
        return writeFloat(network, metadata, false);
    }

    /** Float32 compute with float16 weight buffers, dequantized once when the interpreter prepares. */
    public static byte[] writeFloat16Weights(Network network, ModelDescription metadata) {
        return writeFloat(network, metadata, true);
    }

    private static byte[] writeFloat(Network network, ModelDescription metadata, boolean fp16) {
        checkFits(network, metadata);
        TfliteGraph g = new TfliteGraph();
        int input = g.addActivation("input", TensorType.FLOAT32, network.inputChannels(), null);
        List<Layer> layers = network.layers();
        int[] outputs = new int[layers.size()];
        int current = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String tag = "l" + i;
            if (layer instanceof Conv2d) {
                current = floatConv(g, tag, (Conv2d) layer, current, fp16);
            } else if (layer instanceof PRelu) {
                PRelu prelu = (PRelu) layer;
                int alpha = floatConstant(g, tag + "/alpha", new int[] {1, 1, prelu.channels()}, prelu.alpha(), fp16);
                int out = g.addActivation(tag + "/prelu", TensorType.FLOAT32, prelu.channels(), null);
                g.addOperator(BuiltinOperator.PRELU, 1, new int[] {current, alpha}, new int[] {out}, (byte) 0, null);
                current = out;
            } else if (layer instanceof LeakyRelu) {
                int out = g.addActivation(tag + "/leaky_relu", TensorType.FLOAT32, channelsOf(network, i), null);
                addLeakyRelu(g, 1, current, out, ((LeakyRelu) layer).alpha());
                current = out;
            } else if (layer instanceof Add) {
                int from = ((Add) layer).from();
                int other = from == Add.NETWORK_INPUT ? input : outputs[from];
                int out = g.addActivation(tag + "/add", TensorType.FLOAT32, channelsOf(network, i), null);
                addAdd(g, 1, current, other, out);
                current = out;
            } else if (layer instanceof InputSkip) {
                int skip = floatConv(g, tag + "/skip", ((InputSkip) layer).projection(), input, fp16);
                int out = g.addActivation(tag + "/add", TensorType.FLOAT32, channelsOf(network, i), null);
                addAdd(g, 1, current, skip, out);
                current = out;
            } else if (layer instanceof DepthToSpace) {
                int block = ((DepthToSpace) layer).blockSize();
                int out = g.addActivation(tag + "/depth_to_space", TensorType.FLOAT32, channelsOf(network, i), null);
                addDepthToSpace(g, 1, current, out, block);
                current = out;
            } else {
                throw new IllegalArgumentException("layer " + i + ": no TFLite mapping for " + layer.getClass().getName());
            }
            outputs[i] = current;
        }
        g.setInputs(input);
        g.setOutputs(current);
        g.putMetadata(ModelDescription.METADATA_NAME, TfliteGraph.utf8(metadata.format()));
        return g.toBytes("Clarity " + metadata.name() + (fp16 ? " (float32, float16 weights)" : " (float32)"));
    }

    /**
     * Int8 post-training quantization: weights per output channel (symmetric), activations per tensor from
     * {@code ranges} (asymmetric), bias int32. The input is quantized at scale 1/255 and zero point −128, which
     * holds every 8-bit pixel value exactly.
     */
    public static byte[] writeInt8(Network network, ModelDescription metadata, ActivationRanges ranges, Int8Io io) {
        return writeInt8(network, metadata, ranges, io, false);
    }

    /**
     * As {@link #writeInt8(Network, ModelDescription, ActivationRanges, Int8Io)}; with {@code pixelOutput} the
     * output tensor's range is clipped to [0, 1]. The engine keeps only 8-bit pixels of the output, so 255
     * steps over [0, 1] lose nothing it keeps, while the calibrated range of a sharpening net (overshoot
     * included, e.g. −0.4..1.4) would make each step coarser than one 8-bit level.
     */
    public static byte[] writeInt8(Network network, ModelDescription metadata, ActivationRanges ranges, Int8Io io,
                                   boolean pixelOutput) {
        return writeInt8(network, metadata, ranges, io, pixelOutput, false);
    }

    /**
     * As {@link #writeInt8(Network, ModelDescription, ActivationRanges, Int8Io, boolean)}; with {@code floatSkip}
     * (float I/O and a network {@link #hasInputCopySkip}) the skip path stays float: the skip's 1×1 conv runs in
     * float on the float input and is added in float to the dequantized residual, so neither the input's rounding
     * nor the output's reaches the pixels through the skip, only through the int8 body (which reads the input on
     * its exact 1/255 grid, or, in the older layout whose first layer is the copy, the copy quantized at its
     * calibrated range). On fast-x2 those three tensors (input, copy, sum) cost 0.12 of the 0.31 dB int8 loss in
     * a per-tensor simulation; the float ops are 3·scale² per input pixel.
     */
    public static byte[] writeInt8(Network network, ModelDescription metadata, ActivationRanges ranges, Int8Io io,
                                   boolean pixelOutput, boolean floatSkip) {
        return writeInt8(network, metadata, ranges, io, pixelOutput,
                floatSkip ? Int8Layout.skipOnly(network) : Int8Layout.allInt8(network));
    }

    /**
     * Which layers an int8 file runs in float (what {@link #writeInt8} writes, {@code quant.Int8Simulation} simulates
     * and a model card counts): layers [0, {@code headEnd}) on the float input, the last of them QUANTIZEd for the
     * int8 body (0: no float head); layers from {@code tailStart} on after the int8 body's last tensor is DEQUANTIZEd.
     * With {@code floatSkip} the tail ends in the output maker's float skip ({@code tailStart} = the output maker:
     * only the skip); without it {@code tailStart} is the layer count and nothing is float. {@link #int8Layout} is
     * the rule the shipped files follow.
     */
    public static final class Int8Layout {
        // a class, not a record: the writer also runs on Android 8.0 (animal-sniffer, API 26)
        private final boolean floatSkip;
        private final int headEnd;
        private final int tailStart;

        public Int8Layout(boolean floatSkip, int headEnd, int tailStart) {
            this.floatSkip = floatSkip;
            this.headEnd = headEnd;
            this.tailStart = tailStart;
        }

        public boolean floatSkip() {
            return floatSkip;
        }

        public int headEnd() {
            return headEnd;
        }

        public int tailStart() {
            return tailStart;
        }

        /** Every layer int8. */
        public static Int8Layout allInt8(Network network) {
            return new Int8Layout(false, 0, network.layers().size());
        }

        /** Only the skip path float. */
        public static Int8Layout skipOnly(Network network) {
            return new Int8Layout(true, 0, outputMaker(network));
        }

        /** Whether layer {@code layer} runs in float. */
        public boolean runsInFloat(int layer) {
            return layer < headEnd || layer >= tailStart;
        }

        @Override
        public String toString() {
            return "int8 layout (float skip " + floatSkip + ", " + (headEnd == 0 ? "no float head"
                    : "float head layers 0.." + (headEnd - 1)) + ", float from layer " + tailStart + ")";
        }
    }

    /**
     * The layout of the shipped int8 files ({@code ExportModel.int8}): a net {@link #hasInputCopySkip} keeps its
     * skip in float, its float head ({@link #floatHeadEnd}) and its float tail ({@link #floatTailStart}); any
     * other net is all int8.
     */
    public static Int8Layout int8Layout(Network network) {
        if (!hasInputCopySkip(network)) {
            return Int8Layout.allInt8(network);
        }
        return new Int8Layout(true, floatHeadEnd(network), floatTailStart(network));
    }

    /**
     * As {@link #writeInt8(Network, ModelDescription, ActivationRanges, Int8Io, boolean, boolean)} with the float
     * layers of {@code layout}: a float head reads the float input and its last output is QUANTIZEd for the int8
     * body; a float tail reads the int8 body's last tensor DEQUANTIZEd. Both need the float skip.
     */
    public static byte[] writeInt8(Network network, ModelDescription metadata, ActivationRanges ranges, Int8Io io,
                                   boolean pixelOutput, Int8Layout layout) {
        checkFits(network, metadata);
        List<Layer> layers = network.layers();
        int outputMaker = outputMaker(network);
        boolean floatSkip = layout.floatSkip();
        int floatTail = layout.tailStart();
        int floatHead = layout.headEnd();
        if (floatSkip && (io != Int8Io.FLOAT || !hasInputCopySkip(network))) {
            throw new IllegalArgumentException("a float skip needs float I/O and an input copy added back at the end");
        }
        checkLayout(network, layout);
        if (ranges.layerCount() != layers.size()) {
            throw new IllegalArgumentException("ranges cover " + ranges.layerCount() + " layers, network has " + layers.size());
        }
        TfliteGraph g = new TfliteGraph();
        AffineInt8 inQ = inputQuantization();
        // The older layout: layer 0 copies the input, the body reads the copy and the output maker adds it back.
        boolean copyFirst = floatSkip && !(layers.get(outputMaker) instanceof InputSkip);
        int graphInput;
        int input;
        int floatCopy = -1;
        if (copyFirst || floatHead > 0) {
            graphInput = g.addActivation("input", TensorType.FLOAT32, network.inputChannels(), null);
            input = -1; // nothing reads a quantized input: layer 0 is the float copy or reads the float input
        } else if (io == Int8Io.FLOAT) {
            graphInput = g.addActivation("input", TensorType.FLOAT32, network.inputChannels(), null);
            input = g.addActivation("input/quantized", TensorType.INT8, network.inputChannels(), perTensor(inQ));
            g.addOperator(BuiltinOperator.QUANTIZE, 1, new int[] {graphInput}, new int[] {input}, (byte) 0, null);
        } else {
            graphInput = g.addActivation("input", TensorType.INT8, network.inputChannels(), perTensor(inQ));
            input = graphInput;
        }

        int[] outputs = new int[layers.size()];
        int current = floatHead > 0 ? graphInput : input;
        AffineInt8 currentQ = inQ;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String tag = "l" + i;
            AffineInt8 q = outputQuantization(network, ranges, i, pixelOutput);
            if (i < floatHead) {
                current = floatLayer(g, tag, layer, current, channelsOf(network, i));
                if (i == floatHead - 1) {
                    int quantized = g.addActivation(tag + "/quantized", TensorType.INT8, channelsOf(network, i), perTensor(q));
                    g.addOperator(BuiltinOperator.QUANTIZE, 1, new int[] {current}, new int[] {quantized}, (byte) 0, null);
                    current = quantized;
                }
            } else if (floatSkip && i >= floatTail && i < outputMaker) {
                if (i == floatTail) {
                    int dequantized = g.addActivation(tag + "/dequantized", TensorType.FLOAT32, channelsOf(network, i - 1), null);
                    g.addOperator(BuiltinOperator.DEQUANTIZE, 2, new int[] {current}, new int[] {dequantized}, (byte) 0, null);
                    current = dequantized;
                }
                current = floatLayer(g, tag, layer, current, channelsOf(network, i));
            } else if (copyFirst && i == 0) {
                Conv2d copy = (Conv2d) layer;
                int w = floatConstant(g, tag + "/weights", new int[] {copy.outChannels(), 1, 1, copy.inChannels()},
                        copy.weights(), false);
                int b = floatConstant(g, tag + "/bias", new int[] {copy.outChannels()}, copy.bias(), false);
                floatCopy = g.addActivation(tag + "/conv", TensorType.FLOAT32, copy.outChannels(), null);
                addConv(g, 1, graphInput, w, b, floatCopy, false);
                int out = g.addActivation(tag + "/conv/quantized", TensorType.INT8, copy.outChannels(), perTensor(q));
                g.addOperator(BuiltinOperator.QUANTIZE, 1, new int[] {floatCopy}, new int[] {out}, (byte) 0, null);
                current = out;
            } else if (floatSkip && i == outputMaker) {
                int residual = current;
                if (floatTail == outputMaker) {
                    residual = g.addActivation(tag + "/residual", TensorType.FLOAT32, channelsOf(network, i), null);
                    g.addOperator(BuiltinOperator.DEQUANTIZE, 2, new int[] {current}, new int[] {residual}, (byte) 0, null);
                }
                int skip = copyFirst ? floatCopy
                        : floatConv(g, tag + "/skip", ((InputSkip) layer).projection(), graphInput, false);
                int out = g.addActivation(tag + "/add", TensorType.FLOAT32, channelsOf(network, i), null);
                addAdd(g, 1, residual, skip, out);
                current = out;
            } else if (floatSkip && i > outputMaker) {
                int out = g.addActivation(tag + "/depth_to_space", TensorType.FLOAT32, channelsOf(network, i), null);
                addDepthToSpace(g, 1, current, out, ((DepthToSpace) layer).blockSize());
                current = out;
            } else if (layer instanceof Conv2d) {
                current = int8Conv(g, tag, (Conv2d) layer, current, currentQ, q, ranges, i);
            } else if (layer instanceof InputSkip) {
                // The skip reads the quantized input, whose range is [0, 1]: its own range follows from the weights.
                Conv2d projection = ((InputSkip) layer).projection();
                int skip = int8Conv(g, tag + "/skip", projection, input, inQ, projectedPixelRange(projection), ranges, i);
                int out = g.addActivation(tag + "/add", TensorType.INT8, channelsOf(network, i), perTensor(q));
                addAdd(g, 2, current, skip, out);
                current = out;
            } else if (layer instanceof PRelu) {
                PRelu prelu = (PRelu) layer;
                float[] alpha = prelu.alpha();
                float aScale = alphaScale(prelu);
                int a = g.addConstant(tag + "/alpha", TensorType.INT8, new int[] {1, 1, alpha.length},
                        AffineInt8.quantizeChannels(alpha, new float[] {aScale}),
                        TfliteGraph.Quantization.perTensor(aScale, 0));
                int out = g.addActivation(tag + "/prelu", TensorType.INT8, prelu.channels(), perTensor(q));
                g.addOperator(BuiltinOperator.PRELU, 1, new int[] {current, a}, new int[] {out}, (byte) 0, null);
                current = out;
            } else if (layer instanceof LeakyRelu) {
                int out = g.addActivation(tag + "/leaky_relu", TensorType.INT8, channelsOf(network, i), perTensor(q));
                addLeakyRelu(g, 2, current, out, ((LeakyRelu) layer).alpha());
                current = out;
            } else if (layer instanceof Add) {
                int from = ((Add) layer).from();
                int other = from == Add.NETWORK_INPUT ? input : outputs[from];
                int out = g.addActivation(tag + "/add", TensorType.INT8, channelsOf(network, i), perTensor(q));
                addAdd(g, 2, current, other, out);
                current = out;
            } else if (layer instanceof DepthToSpace) {
                // DEPTH_TO_SPACE moves values without touching them: the output keeps the input's parameters.
                q = currentQ;
                int block = ((DepthToSpace) layer).blockSize();
                int out = g.addActivation(tag + "/depth_to_space", TensorType.INT8, channelsOf(network, i), perTensor(q));
                addDepthToSpace(g, 2, current, out, block);
                current = out;
            } else {
                throw new IllegalArgumentException("layer " + i + ": no TFLite mapping for " + layer.getClass().getName());
            }
            outputs[i] = current;
            currentQ = q;
        }
        int graphOutput = current;
        if (io == Int8Io.FLOAT && !floatSkip) {
            graphOutput = g.addActivation("output", TensorType.FLOAT32, network.outputChannels(), null);
            g.addOperator(BuiltinOperator.DEQUANTIZE, 2, new int[] {current}, new int[] {graphOutput}, (byte) 0, null);
        }
        g.setInputs(graphInput);
        g.setOutputs(graphOutput);
        g.putMetadata(ModelDescription.METADATA_NAME, TfliteGraph.utf8(metadata.format()));
        return g.toBytes("Clarity " + metadata.name() + " (int8, " + (io == Int8Io.FLOAT ? "float" : "int8") + " I/O)");
    }

    /**
     * Where {@link #writeInt8} with a float skip starts the float tail by default: the last
     * {@value #FLOAT_TAIL_CONVOLUTIONS} convolutions before the output maker and the activations between and before
     * them, so the int8 body ends in a convolution's output; the output maker itself where the layer before it is no
     * convolution. Issue #13 measured fast-x2's expand block and head as its costliest int8 tensors.
     */
    public static int floatTailStart(Network network) {
        List<Layer> layers = network.layers();
        int maker = outputMaker(network);
        int start = maker;
        int convolutions = 0;
        // Layer 0 is never in the tail: it is the float head or reads the input on its 1/255 grid.
        for (int i = maker - 1; i >= 1; i--) {
            Layer layer = layers.get(i);
            if (layer instanceof Conv2d && convolutions < FLOAT_TAIL_CONVOLUTIONS) {
                convolutions++;
            } else if (!(convolutions > 0 && (layer instanceof PRelu || layer instanceof LeakyRelu))) {
                break;
            }
            start = i;
        }
        return start;
    }

    /**
     * Where the float head of the shipped int8 files ends: after the first convolution and the activation that reads
     * it, so the convolution reads the float input instead of its 1/255 rounding (an 8-bit pixel's Y is not on that
     * grid) and the int8 body starts at the next convolution, reading the activation QUANTIZEd once; 0 (no head)
     * where layer 0 is no convolution, where the float tail would leave no int8 layer, and in the older layout, whose
     * layer 0 is the input copy. Issue #13, simulated int8-vs-float PSNR on training crops (range narrowing's quarter /
     * other crops): fast-x2 +0.63 / +0.70 dB with the first conv float, +0.83 / +0.99 with its PReLU too; fast-x3
     * +0.70 / +0.81, fast-x4 +0.53 / +0.64 with both. That conv is a 5×5 over one channel: 2.5–6.2% of their MACs.
     */
    public static int floatHeadEnd(Network network) {
        List<Layer> layers = network.layers();
        if (!(layers.get(outputMaker(network)) instanceof InputSkip) || !(layers.get(0) instanceof Conv2d)) {
            return 0;
        }
        int end = layers.get(1) instanceof PRelu || layers.get(1) instanceof LeakyRelu ? 2 : 1;
        return end < floatTailStart(network) ? end : 0;
    }

    /** Refuses a layout {@link #writeInt8} cannot write for {@code network} (its simulation checks the same). */
    public static void checkLayout(Network network, Int8Layout layout) {
        List<Layer> layers = network.layers();
        int maker = outputMaker(network);
        int floatTail = layout.tailStart();
        int floatHead = layout.headEnd();
        if (!layout.floatSkip()) {
            if (floatTail != layers.size() || floatHead != 0) {
                throw new IllegalArgumentException("a float " + (floatHead != 0 ? "head" : "tail") + " needs the float skip");
            }
            return;
        }
        if (floatTail < 1 || floatTail > maker) {
            throw new IllegalArgumentException("float tail " + floatTail + " is not within layers 1.." + maker);
        }
        if (floatHead < 0 || floatHead >= floatTail) {
            throw new IllegalArgumentException("float head " + floatHead + " leaves no int8 layer before the float tail "
                    + floatTail);
        }
        if (floatHead > 0 && !(layers.get(maker) instanceof InputSkip)) {
            throw new IllegalArgumentException("a float head needs the input skip layout (the older copy layer reads"
                    + " the input itself)");
        }
        for (int i = 0; i < maker; i++) {
            Layer layer = layers.get(i);
            if (floatHead > 0 && layer instanceof Add && ((Add) layer).from() == Add.NETWORK_INPUT) {
                throw new IllegalArgumentException("layer " + i + " adds the input, which a float head leaves unquantized");
            }
            if (layout.runsInFloat(i) && !(layer instanceof Conv2d || layer instanceof PRelu || layer instanceof LeakyRelu)) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.getClass().getSimpleName()
                        + ") cannot run in the float " + (i < floatHead ? "head" : "tail"));
            }
        }
    }

    /** A float CONV_2D, PRELU or LEAKY_RELU of {@code in}; returns its output tensor. */
    private static int floatLayer(TfliteGraph g, String tag, Layer layer, int in, int channels) {
        if (layer instanceof Conv2d) {
            return floatConv(g, tag, (Conv2d) layer, in, false);
        }
        int out;
        if (layer instanceof PRelu) {
            PRelu prelu = (PRelu) layer;
            int alpha = floatConstant(g, tag + "/alpha", new int[] {1, 1, prelu.channels()}, prelu.alpha(), false);
            out = g.addActivation(tag + "/prelu", TensorType.FLOAT32, channels, null);
            g.addOperator(BuiltinOperator.PRELU, 1, new int[] {in, alpha}, new int[] {out}, (byte) 0, null);
        } else {
            out = g.addActivation(tag + "/leaky_relu", TensorType.FLOAT32, channels, null);
            addLeakyRelu(g, 1, in, out, ((LeakyRelu) layer).alpha());
        }
        return out;
    }

    /**
     * The float convolution an int8 CONV_2D of {@link #writeInt8} computes for layer {@code layer} reading a tensor
     * quantized as {@code inQ}: its int8 weights and int32 bias, dequantized (what an int8 simulation runs).
     */
    public static Conv2d int8Equivalent(Conv2d conv, AffineInt8 inQ, ActivationRanges ranges, int layer) {
        QuantizedConv q = quantize(conv, inQ, ranges, layer);
        int block = q.weights.length / conv.outChannels();
        float[] w = new float[q.weights.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = q.weights[j] * q.scales[j / block];
        }
        float[] b = new float[q.bias.length];
        for (int o = 0; o < b.length; o++) {
            b[o] = (float) (q.bias[o] * (double) inQ.scale * q.scales[o]);
        }
        return new Conv2d(conv.inChannels(), conv.outChannels(), conv.kernelSize(), w, b, conv.fusedRelu());
    }

    /** The PReLU slopes as the int8 file holds them. */
    public static PRelu int8Equivalent(PRelu prelu) {
        float scale = alphaScale(prelu);
        byte[] q = AffineInt8.quantizeChannels(prelu.alpha(), new float[] {scale});
        float[] alpha = new float[q.length];
        for (int c = 0; c < alpha.length; c++) {
            alpha[c] = q[c] * scale;
        }
        return new PRelu(alpha);
    }

    /** The int8 grid of layer {@code layer}'s output in {@link #writeInt8} (a DEPTH_TO_SPACE keeps its input's). */
    public static AffineInt8 outputQuantization(Network network, ActivationRanges ranges, int layer, boolean pixelOutput) {
        return pixelOutput && layer == outputMaker(network)
                ? AffineInt8.forRange(Math.max(0f, ranges.min(layer)), Math.min(1f, Math.max(0f, ranges.max(layer))))
                : AffineInt8.forRange(ranges.min(layer), ranges.max(layer));
    }

    private static float alphaScale(PRelu prelu) {
        return AffineInt8.channelScales(prelu.alpha(), 1)[0];
    }

    /** A convolution's int8 weights (per output channel), their scales and its int32 bias. */
    private static final class QuantizedConv {
        final byte[] weights;
        final float[] scales;
        final int[] bias;

        QuantizedConv(byte[] weights, float[] scales, int[] bias) {
            this.weights = weights;
            this.scales = scales;
            this.bias = bias;
        }
    }

    /**
     * Weights per output channel, rounded with error feedback where layer {@code layer}'s patch moments were
     * collected, bias corrected for the rounding with its input means and quantized at {@code inQ} × weight scale.
     */
    private static QuantizedConv quantize(Conv2d conv, AffineInt8 inQ, ActivationRanges ranges, int layer) {
        float[] wScales = AffineInt8.channelScales(conv.weights(), conv.outChannels());
        double[] moments = ranges.patchMoments(layer);
        byte[] qWeights = moments == null ? AffineInt8.quantizeChannels(conv.weights(), wScales)
                : AffineInt8.quantizeChannelsGptq(conv.weights(), wScales, moments);
        float[] bias = correctedBias(conv, qWeights, wScales, ranges.inputMeans(layer));
        return new QuantizedConv(qWeights, wScales, AffineInt8.quantizeBias(bias, inQ.scale, wScales));
    }

    /** The layer that makes the output's values (DEPTH_TO_SPACE only moves them). */
    public static int outputMaker(Network network) {
        List<Layer> layers = network.layers();
        int maker = layers.size() - 1;
        while (maker > 0 && layers.get(maker) instanceof DepthToSpace) {
            maker--;
        }
        return maker;
    }

    /**
     * Whether the network's output maker adds a 1×1 conv of its input, the nearest-neighbour skip (training leaves
     * its weights near the copy pattern and its biases near 0): an {@link InputSkip}, or, in the older layout,
     * an {@link Add} of layer 0, a 1×1 conv without ReLU that the body reads too.
     */
    public static boolean hasInputCopySkip(Network network) {
        List<Layer> layers = network.layers();
        Layer maker = layers.get(outputMaker(network));
        if (maker instanceof InputSkip) {
            return true;
        }
        if (!(layers.get(0) instanceof Conv2d) || !(maker instanceof Add) || ((Add) maker).from() != 0) {
            return false;
        }
        Conv2d copy = (Conv2d) layers.get(0);
        return copy.kernelSize() == 1 && !copy.fusedRelu();
    }

    /**
     * Bias correction (Nagel et al. 2019): rounding the weights shifts each output's mean by
     * Σ (w − ŵ)·E[x]; adding that back to the bias removes the shift. For a sharpening filter with a large
     * centre tap the shift is most of the int8 error.
     */
    static float[] correctedBias(Conv2d conv, byte[] qWeights, float[] wScales, float[] inputMeans) {
        float[] w = conv.weights();
        float[] bias = conv.bias();
        int cin = conv.inChannels();
        int block = w.length / conv.outChannels();
        for (int o = 0; o < bias.length; o++) {
            double shift = 0;
            for (int j = o * block; j < (o + 1) * block; j++) {
                shift += (w[j] - qWeights[j] * (double) wScales[o]) * inputMeans[j % cin];
            }
            bias[o] += (float) shift;
        }
        return bias;
    }

    /** Scale 1/255, zero point −128: pixel value v/255 maps to the integer v − 128. */
    public static AffineInt8 inputQuantization() {
        return AffineInt8.forRange(0f, 1f);
    }

    private static void checkFits(Network network, ModelDescription metadata) {
        ModelDescription actual = ModelDescription.describe(metadata.name(), network, metadata.bicubicPreUpscale());
        if (actual.channels() != metadata.channels() || actual.networkScale() != metadata.networkScale()
                || actual.halo() != metadata.halo()) {
            throw new IllegalArgumentException("metadata " + metadata.format().replace('\n', ' ')
                    + "does not describe the network: " + actual.format().replace('\n', ' '));
        }
    }

    /** Output channels of layer {@code index}, replayed from the input (the network checked them all). */
    private static int channelsOf(Network network, int index) {
        int channels = network.inputChannels();
        List<Layer> layers = network.layers();
        for (int i = 0; i <= index; i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Conv2d) {
                channels = ((Conv2d) layer).outChannels();
            } else if (layer instanceof DepthToSpace) {
                int b = ((DepthToSpace) layer).blockSize();
                channels /= b * b;
            }
        }
        return channels;
    }

    /** A float CONV_2D of {@code in}; returns its output tensor. */
    private static int floatConv(TfliteGraph g, String tag, Conv2d conv, int in, boolean fp16) {
        int k = conv.kernelSize();
        int[] wShape = {conv.outChannels(), k, k, conv.inChannels()};
        int w = floatConstant(g, tag + "/weights", wShape, conv.weights(), fp16);
        int b = floatConstant(g, tag + "/bias", new int[] {conv.outChannels()}, conv.bias(), fp16);
        int out = g.addActivation(tag + "/conv", TensorType.FLOAT32, conv.outChannels(), null);
        addConv(g, 1, in, w, b, out, conv.fusedRelu());
        return out;
    }

    /**
     * An int8 CONV_2D of {@code in} (quantized as {@code inQ}) into a tensor quantized as {@code outQ}: weights per
     * output channel, rounded with error feedback where layer {@code layer}'s patch moments were collected, bias
     * corrected for the rounding with its input means; returns the output tensor.
     */
    private static int int8Conv(TfliteGraph g, String tag, Conv2d conv, int in, AffineInt8 inQ, AffineInt8 outQ,
                                ActivationRanges ranges, int layer) {
        int k = conv.kernelSize();
        QuantizedConv q = quantize(conv, inQ, ranges, layer);
        long[] zeros = new long[conv.outChannels()];
        int w = g.addConstant(tag + "/weights", TensorType.INT8,
                new int[] {conv.outChannels(), k, k, conv.inChannels()}, q.weights,
                new TfliteGraph.Quantization(q.scales, zeros, 0));
        float[] bScales = new float[q.scales.length];
        for (int c = 0; c < bScales.length; c++) {
            bScales[c] = inQ.scale * q.scales[c];
        }
        int b = g.addConstant(tag + "/bias", TensorType.INT32, new int[] {conv.outChannels()}, littleEndian(q.bias),
                new TfliteGraph.Quantization(bScales, zeros, 0));
        int out = g.addActivation(tag + "/conv", TensorType.INT8, conv.outChannels(), perTensor(outQ));
        addConv(g, 3, in, w, b, out, conv.fusedRelu());
        return out;
    }

    /**
     * The exact range of a 1×1 conv's output over inputs in [0, 1]: each channel's bias plus its negative or
     * positive weights.
     */
    private static AffineInt8 projectedPixelRange(Conv2d projection) {
        float[] w = projection.weights();
        float[] b = projection.bias();
        int cin = projection.inChannels();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int o = 0; o < b.length; o++) {
            float min = b[o];
            float max = b[o];
            for (int i = 0; i < cin; i++) {
                min += Math.min(0f, w[o * cin + i]);
                max += Math.max(0f, w[o * cin + i]);
            }
            lo = Math.min(lo, min);
            hi = Math.max(hi, max);
        }
        return AffineInt8.forRange(lo, hi);
    }

    private static int floatConstant(TfliteGraph g, String name, int[] shape, float[] values, boolean fp16) {
        if (!fp16) {
            return g.addConstant(name, TensorType.FLOAT32, shape, littleEndian(values), null);
        }
        ByteBuffer half = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            half.putShort(Float16.fromFloat(v));
        }
        int stored = g.addConstant(name + "/fp16", TensorType.FLOAT16, shape, half.array(), null);
        int dequantized = g.addStatic(name, TensorType.FLOAT32, shape);
        g.addOperator(BuiltinOperator.DEQUANTIZE, 3, new int[] {stored}, new int[] {dequantized}, (byte) 0, null);
        return dequantized;
    }

    private static void addConv(TfliteGraph g, int version, int in, int w, int b, int out, boolean relu) {
        byte activation = relu ? ActivationFunctionType.RELU : ActivationFunctionType.NONE;
        g.addOperator(BuiltinOperator.CONV_2D, version, new int[] {in, w, b}, new int[] {out},
                BuiltinOptions.Conv2DOptions,
                fb -> Conv2DOptions.createConv2DOptions(fb, Padding.SAME, 1, 1, activation, 1, 1));
    }

    private static void addLeakyRelu(TfliteGraph g, int version, int in, int out, float alpha) {
        g.addOperator(BuiltinOperator.LEAKY_RELU, version, new int[] {in}, new int[] {out},
                BuiltinOptions.LeakyReluOptions, fb -> LeakyReluOptions.createLeakyReluOptions(fb, alpha));
    }

    private static void addAdd(TfliteGraph g, int version, int a, int b, int out) {
        g.addOperator(BuiltinOperator.ADD, version, new int[] {a, b}, new int[] {out},
                BuiltinOptions.AddOptions,
                fb -> AddOptions.createAddOptions(fb, ActivationFunctionType.NONE, false));
    }

    private static void addDepthToSpace(TfliteGraph g, int version, int in, int out, int block) {
        g.addOperator(BuiltinOperator.DEPTH_TO_SPACE, version, new int[] {in}, new int[] {out},
                BuiltinOptions.DepthToSpaceOptions, fb -> DepthToSpaceOptions.createDepthToSpaceOptions(fb, block));
    }

    private static TfliteGraph.Quantization perTensor(AffineInt8 q) {
        return TfliteGraph.Quantization.perTensor(q.scale, q.zeroPoint);
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    private static byte[] littleEndian(int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        return buf.array();
    }
}
