package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import org.tensorflow.lite.DataType;
import org.tensorflow.lite.Delegate;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;
import org.tensorflow.lite.gpu.GpuDelegate;
import org.tensorflow.lite.gpu.GpuDelegateFactory;
import org.tensorflow.lite.nnapi.NnApiDelegate;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

import java.io.File;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The TFLite 2.16.1 interpreter behind the engine's model contract: one instance per tile worker thread.
 * On the GPU the input shape is fixed once (the delegate compiles kernels for one shape, and caches them in
 * the app's cache dir); on the CPU XNNPACK resizes to each tile. Stays thin on purpose: it cannot run on
 * the host under Robolectric, so everything testable lives around it.
 */
public final class TfliteModelRunner implements SuperResolutionModel {
    private final Interpreter interpreter;
    /** The GPU or NNAPI delegate, closed with the interpreter; null on the CPU. */
    private final Delegate gpu;
    private final ModelSpec spec;
    private final TensorType outputType;
    private int[] inputShape = new int[0];
    private ByteBuffer input;
    private ByteBuffer output;

    private TfliteModelRunner(Interpreter interpreter, Delegate gpu, ModelSpec spec, TensorType outputType) {
        this.interpreter = interpreter;
        this.gpu = gpu;
        this.spec = spec;
        this.outputType = outputType;
    }

    /**
     * Opens the network on the CPU with XNNPACK and {@code threads} threads.
     *
     * @param model the memory-mapped .tflite (read-only, shared between runners)
     */
    public static TfliteModelRunner cpu(ByteBuffer model, ModelDescription clarity, int threads) {
        Interpreter.Options options = new Interpreter.Options().setNumThreads(threads).setUseXNNPACK(true);
        Interpreter interpreter = new Interpreter(model, options);
        return describe(interpreter, null, clarity, 0);
    }

    /**
     * Opens the network on the GPU delegate with one fixed input tile of {@code tileSide} network pixels,
     * sustained-speed preference and the kernel serialization cache in {@code cacheDir}.
     */
    public static TfliteModelRunner gpu(ByteBuffer model, ModelDescription clarity, GpuDelegateFactory.Options options,
                                        int tileSide, File cacheDir, String modelToken) {
        options.setInferencePreference(GpuDelegateFactory.Options.INFERENCE_PREFERENCE_SUSTAINED_SPEED)
                .setQuantizedModelsAllowed(true)
                .setSerializationParams(cacheDir.getAbsolutePath(), modelToken);
        return delegated(model, new GpuDelegate(options), clarity, tileSide);
    }

    /**
     * Opens the (int8) network on the NNAPI delegate with one fixed input tile, sustained speed, and NNAPI's own
     * CPU implementation refused: where the phone's accelerator cannot take the model, XNNPACK is faster than it.
     */
    public static TfliteModelRunner nnapi(ByteBuffer model, ModelDescription clarity, int tileSide) {
        NnApiDelegate.Options options = new NnApiDelegate.Options()
                .setExecutionPreference(NnApiDelegate.Options.EXECUTION_PREFERENCE_SUSTAINED_SPEED)
                .setUseNnapiCpu(false);
        return delegated(model, new NnApiDelegate(options), clarity, tileSide);
    }

    private static TfliteModelRunner delegated(ByteBuffer model, Delegate delegate, ModelDescription clarity,
                                               int tileSide) {
        Interpreter interpreter;
        try {
            interpreter = new Interpreter(model, new Interpreter.Options().addDelegate(delegate));
        } catch (RuntimeException e) {
            delegate.close();
            throw e;
        }
        return describe(interpreter, delegate, clarity, tileSide);
    }

    private static TfliteModelRunner describe(Interpreter interpreter, Delegate gpu, ModelDescription clarity,
                                              int fixedSide) {
        try {
            Tensor in = interpreter.getInputTensor(0);
            int[] shape = in.shapeSignature();
            int c = clarity.channels().count();
            if (shape.length != 4 || shape[3] != c) {
                throw new IllegalArgumentException("model input " + Arrays.toString(shape) + " is not [1, H, W, " + c + "]");
            }
            TfliteModelRunner runner = new TfliteModelRunner(interpreter, gpu,
                    clarity.networkSpec(typeOf(in), fixedSide), typeOf(interpreter.getOutputTensor(0)));
            if (fixedSide > 0) {
                runner.resize(new int[] {1, fixedSide, fixedSide, c});
            }
            return runner;
        } catch (RuntimeException e) {
            interpreter.close();
            if (gpu != null) {
                gpu.close();
            }
            throw e;
        }
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

    private void resize(int[] shape) {
        interpreter.resizeInput(0, shape);
        interpreter.allocateTensors();
        inputShape = shape;
        input = ByteBuffer.allocateDirect(interpreter.getInputTensor(0).numBytes()).order(ByteOrder.nativeOrder());
        output = ByteBuffer.allocateDirect(interpreter.getOutputTensor(0).numBytes()).order(ByteOrder.nativeOrder());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) {
        int c = spec.channels().count();
        int[] shape = {1, tile.height(), tile.width(), c};
        if (tile.channels() != c) {
            throw new IllegalArgumentException("model " + spec.name() + " takes " + c + " channels, tile has " + tile.channels());
        }
        if (!Arrays.equals(shape, inputShape)) {
            if (spec.hasFixedTileShape()) {
                throw new IllegalArgumentException("delegated model takes " + Arrays.toString(inputShape) + " tiles, got "
                        + Arrays.toString(shape));
            }
            resize(shape);
        }
        spec.inputType().write(tile.data(), input);
        ((Buffer) output).clear(); // Buffer's clear(): ByteBuffer's override is newer than Android 8.0
        interpreter.run(input, output);
        int s = spec.scale();
        FloatImage result = new FloatImage(tile.width() * s, tile.height() * s, c);
        outputType.read(output, result.data());
        return result;
    }

    @Override
    public void close() {
        interpreter.close();
        if (gpu != null) {
            gpu.close();
        }
    }
}
