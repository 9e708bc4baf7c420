package io.clarity.models.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Metadata;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TFLite flatbuffer (schema version 3, one subgraph) assembled from tensors and operators.
 * Knows the file's rules that the generated schema classes leave to the caller: buffer 0 empty, weight
 * buffers 16-byte aligned, both operator-code fields set, identifier {@code TFL3}.
 */
final class TfliteGraph {

    /** Per-tensor (one scale) or per-channel (one scale per index along {@code axis}) affine quantization. */
    static final class Quantization {
        final float[] scales;
        final long[] zeroPoints;
        final int axis;

        Quantization(float[] scales, long[] zeroPoints, int axis) {
            if (scales.length != zeroPoints.length || scales.length == 0) {
                throw new IllegalArgumentException("need one zero point per scale");
            }
            this.scales = scales;
            this.zeroPoints = zeroPoints;
            this.axis = axis;
        }

        static Quantization perTensor(float scale, int zeroPoint) {
            return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0);
        }
    }

    /** Writes an operator's builtin options table; returns its offset. */
    interface Options {
        int write(FlatBufferBuilder builder);
    }

    private static final class TensorEntry {
        final String name;
        final byte type;
        final int[] shape;
        final int[] shapeSignature;
        final int buffer;
        final Quantization quantization;

        TensorEntry(String name, byte type, int[] shape, int[] shapeSignature, int buffer, Quantization q) {
            this.name = name;
            this.type = type;
            this.shape = shape;
            this.shapeSignature = shapeSignature;
            this.buffer = buffer;
            this.quantization = q;
        }
    }

    private static final class OperatorEntry {
        final int opcode;
        final int[] inputs;
        final int[] outputs;
        final byte optionsType;
        final Options options;

        OperatorEntry(int opcode, int[] inputs, int[] outputs, byte optionsType, Options options) {
            this.opcode = opcode;
            this.inputs = inputs;
            this.outputs = outputs;
            this.optionsType = optionsType;
            this.options = options;
        }
    }

    private final List<TensorEntry> tensors = new ArrayList<>();
    private final List<OperatorEntry> operators = new ArrayList<>();
    /** Buffer 0 is the empty buffer the format reserves; tensors without data point at it. */
    private final List<byte[]> buffers = new ArrayList<>();
    /** (builtin code, version) pairs in first-use order. */
    private final List<int[]> opcodes = new ArrayList<>();
    private final Map<String, byte[]> metadata = new LinkedHashMap<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];

    TfliteGraph() {
        buffers.add(new byte[0]);
    }

    /** A constant tensor of {@code data} (little-endian elements of {@code type}). */
    int addConstant(String name, byte type, int[] shape, byte[] data, Quantization quantization) {
        buffers.add(data);
        tensors.add(new TensorEntry(name, type, shape.clone(), null, buffers.size() - 1, quantization));
        return tensors.size() - 1;
    }

    /** An activation {@code [1, H, W, channels]} with free H and W. */
    int addActivation(String name, byte type, int channels, Quantization quantization) {
        tensors.add(new TensorEntry(name, type, new int[] {1, 1, 1, channels}, new int[] {1, -1, -1, channels},
                0, quantization));
        return tensors.size() - 1;
    }

    /** A tensor of fixed shape computed once from constants (a dequantized weight): no data of its own. */
    int addStatic(String name, byte type, int[] shape) {
        tensors.add(new TensorEntry(name, type, shape.clone(), null, 0, null));
        return tensors.size() - 1;
    }

    void addOperator(int builtinCode, int version, int[] inputs, int[] outputs, byte optionsType, Options options) {
        int index = -1;
        for (int i = 0; i < opcodes.size(); i++) {
            if (opcodes.get(i)[0] == builtinCode && opcodes.get(i)[1] == version) {
                index = i;
            }
        }
        if (index < 0) {
            opcodes.add(new int[] {builtinCode, version});
            index = opcodes.size() - 1;
        }
        operators.add(new OperatorEntry(index, inputs.clone(), outputs.clone(), optionsType, options));
    }

    void setInputs(int... tensorIndices) {
        inputs = tensorIndices.clone();
    }

    void setOutputs(int... tensorIndices) {
        outputs = tensorIndices.clone();
    }

    /** A named metadata buffer; runtimes ignore names they do not know. */
    void putMetadata(String name, byte[] data) {
        metadata.put(name, data);
    }

    byte[] toBytes(String description) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 16);

        int[] bufferOffsets = new int[buffers.size() + metadata.size()];
        int bi = 0;
        for (byte[] data : buffers) {
            bufferOffsets[bi++] = writeBuffer(b, data);
        }
        int[] metadataOffsets = new int[metadata.size()];
        int mi = 0;
        for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
            bufferOffsets[bi] = writeBuffer(b, e.getValue());
            metadataOffsets[mi++] = Metadata.createMetadata(b, b.createString(e.getKey()), bi);
            bi++;
        }

        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            TensorEntry t = tensors.get(i);
            int shape = Tensor.createShapeVector(b, t.shape);
            int signature = t.shapeSignature == null ? 0 : Tensor.createShapeSignatureVector(b, t.shapeSignature);
            int name = b.createString(t.name);
            int quantization = t.quantization == null ? 0 : writeQuantization(b, t.quantization);
            Tensor.startTensor(b);
            Tensor.addShape(b, shape);
            Tensor.addType(b, t.type);
            Tensor.addBuffer(b, t.buffer);
            Tensor.addName(b, name);
            if (quantization != 0) {
                Tensor.addQuantization(b, quantization);
            }
            if (signature != 0) {
                Tensor.addShapeSignature(b, signature);
            }
            tensorOffsets[i] = Tensor.endTensor(b);
        }

        int[] operatorOffsets = new int[operators.size()];
        for (int i = 0; i < operators.size(); i++) {
            OperatorEntry op = operators.get(i);
            int in = Operator.createInputsVector(b, op.inputs);
            int out = Operator.createOutputsVector(b, op.outputs);
            int options = op.options == null ? 0 : op.options.write(b);
            Operator.startOperator(b);
            Operator.addOpcodeIndex(b, op.opcode);
            Operator.addInputs(b, in);
            Operator.addOutputs(b, out);
            if (options != 0) {
                Operator.addBuiltinOptionsType(b, op.optionsType);
                Operator.addBuiltinOptions(b, options);
            }
            operatorOffsets[i] = Operator.endOperator(b);
        }

        int subgraph = SubGraph.createSubGraph(b,
                SubGraph.createTensorsVector(b, tensorOffsets),
                SubGraph.createInputsVector(b, inputs),
                SubGraph.createOutputsVector(b, outputs),
                SubGraph.createOperatorsVector(b, operatorOffsets),
                b.createString("main"));

        int[] codeOffsets = new int[opcodes.size()];
        for (int i = 0; i < opcodes.size(); i++) {
            int code = opcodes.get(i)[0];
            // Readers older than schema 2.3 only see the byte field; it saturates at 127 (PLACEHOLDER).
            codeOffsets[i] = OperatorCode.createOperatorCode(b, (byte) Math.min(code, 127), 0,
                    opcodes.get(i)[1], code);
        }

        int model = Model.createModel(b, 3,
                Model.createOperatorCodesVector(b, codeOffsets),
                Model.createSubgraphsVector(b, new int[] {subgraph}),
                b.createString(description),
                Model.createBuffersVector(b, bufferOffsets),
                0,
                metadataOffsets.length == 0 ? 0 : Model.createMetadataVector(b, metadataOffsets),
                0);
        Model.finishModelBuffer(b, model);
        return b.sizedByteArray();
    }

    private static int writeBuffer(FlatBufferBuilder b, byte[] data) {
        if (data.length == 0) {
            return Buffer.createBuffer(b, 0);
        }
        // TFLite (and XNNPACK) read weights in place: keep every buffer 16-byte aligned.
        ByteBuffer target = b.createUnintializedVector(1, data.length, 16);
        target.put(data);
        return Buffer.createBuffer(b, b.endVector());
    }

    private static int writeQuantization(FlatBufferBuilder b, Quantization q) {
        int scale = QuantizationParameters.createScaleVector(b, q.scales);
        int zeroPoint = QuantizationParameters.createZeroPointVector(b, q.zeroPoints);
        QuantizationParameters.startQuantizationParameters(b);
        QuantizationParameters.addScale(b, scale);
        QuantizationParameters.addZeroPoint(b, zeroPoint);
        QuantizationParameters.addQuantizedDimension(b, q.axis);
        return QuantizationParameters.endQuantizationParameters(b);
    }

    /** UTF-8 bytes, for metadata. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
