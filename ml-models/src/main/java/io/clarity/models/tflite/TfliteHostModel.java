package io.clarity.models.tflite;

import io.clarity.engine.model.ModelDescription;
import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;
import org.tensorflow.lite.DataType;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Metadata;
import org.tensorflow.lite.schema.Model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs the network of a Clarity .tflite on the desktop through the real TFLite 2.6.2 interpreter (JNI, XNNPACK on).
 * The input is resized to each tile's shape, so any tile size works. One instance serves one thread.
 */
public final class TfliteHostModel implements SuperResolutionModel {
    /** The interpreter reads the model in place: this buffer must live as long as it does. */
    private final ByteBuffer modelBuffer;
    private final Interpreter interpreter;
    private final ModelSpec spec;
    private final TensorType outputType;
    private int[] inputShape = new int[0];
    private ByteBuffer input;
    private ByteBuffer output;

    /**
     * @param model   the .tflite bytes (written by {@link TfliteModelWriter}: it needs the Clarity metadata)
     * @param threads CPU threads for this interpreter
     */
    public TfliteHostModel(byte[] model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        ModelDescription metadata = readMetadata(model);
        TfliteNativeLibrary.load();
        modelBuffer = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        modelBuffer.put(model).rewind();
        Interpreter.Options options = new Interpreter.Options().setNumThreads(threads).setUseXNNPACK(true);
        interpreter = new Interpreter(modelBuffer, options);
        Tensor in = interpreter.getInputTensor(0);
        int[] shape = in.shapeSignature();
        if (shape.length != 4 || shape[3] != metadata.channels().count()) {
            interpreter.close();
            throw new IllegalArgumentException("model input " + Arrays.toString(shape) + " is not [1, H, W, "
                    + metadata.channels().count() + "]");
        }
        spec = metadata.networkSpec(typeOf(in));
        outputType = typeOf(interpreter.getOutputTensor(0));
    }

    /**
     * The model in {@code file} as the engine runs it: the network, behind a bicubic pre-upscale when its
     * metadata asks for one (SRCNN).
     */
    public static SuperResolutionModel open(Path file, int threads) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return readMetadata(bytes).wrap(new TfliteHostModel(bytes, threads));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the {@value ModelDescription#NAME} entry; a file without it is not a Clarity model. */
    public static ModelDescription readMetadata(byte[] model) {
        ByteBuffer bb = ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN);
        if (model.length < 8 || !Model.ModelBufferHasIdentifier(bb)) {
            throw new IllegalArgumentException("not a TFLite flatbuffer (no TFL3 identifier)");
        }
        Model m = Model.getRootAsModel(bb);
        for (int i = 0; i < m.metadataLength(); i++) {
            Metadata entry = m.metadata(i);
            if (ModelDescription.METADATA_NAME.equals(entry.name())) {
                Buffer buffer = m.buffers((int) entry.buffer());
                byte[] text = new byte[buffer.dataLength()];
                for (int j = 0; j < text.length; j++) {
                    text[j] = (byte) buffer.data(j);
                }
                return ModelDescription.parse(new String(text, StandardCharsets.UTF_8));
            }
        }
        throw new IllegalArgumentException("no " + ModelDescription.METADATA_NAME + " metadata: not written by Clarity's writer");
    }

    private static TensorType typeOf(Tensor t) {
        if (t.dataType() == DataType.FLOAT32) {
            return TensorType.FLOAT32;
        }
        if (t.dataType() == DataType.INT8) {
            return TensorType.int8(t.quantizationParams().getScale(), t.quantizationParams().getZeroPoint());
        }
        throw new IllegalArgumentException("unsupported tensor type " + t.dataType() + " for " + t.name());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) {
        int c = spec.channels().count();
        if (tile.channels() != c) {
            throw new IllegalArgumentException("model " + spec.name() + " takes " + c + " channels, tile has "
                    + tile.channels());
        }
        int[] shape = {1, tile.height(), tile.width(), c};
        if (!Arrays.equals(shape, inputShape)) {
            interpreter.resizeInput(0, shape);
            interpreter.allocateTensors();
            inputShape = shape;
            input = ByteBuffer.allocateDirect(interpreter.getInputTensor(0).numBytes()).order(ByteOrder.nativeOrder());
            output = ByteBuffer.allocateDirect(interpreter.getOutputTensor(0).numBytes()).order(ByteOrder.nativeOrder());
        }
        spec.inputType().write(tile.data(), input);
        output.clear();
        interpreter.run(input, output);
        int s = spec.scale();
        FloatImage result = new FloatImage(tile.width() * s, tile.height() * s, c);
        outputType.read(output, result.data());
        return result;
    }

    @Override
    public void close() {
        interpreter.close();
    }
}
