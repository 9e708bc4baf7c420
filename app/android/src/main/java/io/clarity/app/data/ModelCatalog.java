package io.clarity.app.data;

import android.content.res.AssetManager;
import android.util.Log;

import io.clarity.app.tflite.AssetModelFiles;
import io.clarity.app.tflite.ModelFiles;
import io.clarity.app.tflite.TfliteMetadata;
import io.clarity.engine.model.ShippedModels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The models the app offers, from the model catalog ({@code assets/models/catalog.tsv}, ml-models' one list of shipped
 * models and their measured numbers, read by {@link ShippedModels}): per kind and scale, the best measured one.
 * The build copies into the APK only the files these choices need ({@link #filesNeeded}; app/android/pom.xml).
 */
public final class ModelCatalog {
    private static final String TAG = "ModelCatalog";

    /**
     * The precision the app loads, best first: fp16 weights are what the GPU delegate runs anyway and XNNPACK
     * widens them at load, so fp16 costs nothing over fp32 at half the size; int8 loses a little (see the cards).
     */
    private static final ShippedModels.ShippedFile[] PRECISIONS = {ShippedModels.ShippedFile.FP16,
            ShippedModels.ShippedFile.FP32, ShippedModels.ShippedFile.INT8};

    private ModelCatalog() {
    }

    /** The models in the APK, Fast before Detail, smaller scales first. */
    public static List<ModelInfo> list(AssetManager assets) {
        return list(new AssetModelFiles(assets));
    }

    /** The catalog's choices in {@code files}; a missing catalog gives none, a broken model file is skipped; both are logged. */
    public static List<ModelInfo> list(ModelFiles files) {
        List<ModelInfo> models = new ArrayList<>();
        ShippedModels catalog;
        try {
            catalog = read(files);
        } catch (IOException e) {
            Log.w(TAG, "no model catalog: " + e.getMessage());
            return models;
        }
        for (ShippedModels.Entry entry : chosen(catalog)) {
            String id = fileId(entry);
            try {
                models.add(new ModelInfo(id, TfliteMetadata.readSpec(ByteBuffer.wrap(files.read(id + ".tflite"))),
                        entry.blendable()));
            } catch (IOException | IllegalArgumentException e) {
                Log.w(TAG, "skipping " + id + ": " + e.getMessage());
            }
        }
        return models;
    }

    /** The catalog in {@code files}. */
    public static ShippedModels read(ModelFiles files) throws IOException {
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(files.read(ShippedModels.FILE_NAME)),
                StandardCharsets.UTF_8)) {
            return ShippedModels.parse(r);
        }
    }

    /** One model per kind and scale, the best measured ({@link ShippedModels#best}), Fast first, by scale. */
    public static List<ShippedModels.Entry> chosen(ShippedModels catalog) {
        TreeSet<Integer> scales = new TreeSet<>();
        for (ShippedModels.Entry e : catalog.entries()) {
            scales.add(e.scale());
        }
        List<ShippedModels.Entry> chosen = new ArrayList<>();
        for (ModelInfo.Kind kind : ModelInfo.Kind.values()) {
            for (int scale : scales) {
                catalog.best(scale, kind.channels()).ifPresent(chosen::add);
            }
        }
        return chosen;
    }

    /**
     * Every file the app's choices load: the model in its precision and its int8 file, its training record (what the
     * About screen says it was trained on: the source of its model card), both weight sets of a blendable one, and
     * the heavy weights of a real-photo model that cleans by strength.
     */
    public static List<String> filesNeeded(ShippedModels catalog) {
        List<String> names = new ArrayList<>();
        names.add(ShippedModels.FILE_NAME);
        for (ShippedModels.Entry e : chosen(catalog)) {
            names.add(fileId(e) + ".tflite");
            if (e.files().contains(ShippedModels.ShippedFile.INT8) && !fileId(e).endsWith("-int8")) {
                names.add(ShippedModels.ShippedFile.INT8.nameFor(e.id())); // NNAPI and XNNPACK int8
            }
            names.add(trainingFile(e.id()));
            if (e.blendable()) {
                names.add(ShippedModels.ShippedFile.WEIGHTS.nameFor(e.id()));
                names.add(ShippedModels.ShippedFile.DETAIL_WEIGHTS.nameFor(e.id()));
            }
            if (e.cleanable()) {
                names.add(ShippedModels.ShippedFile.HEAVY_WEIGHTS.nameFor(e.id()));
            }
        }
        return names;
    }

    /** {@code <id>.training}: the properties the model card is generated from ({@code data=}: the training set). */
    public static String trainingFile(String id) {
        return id + ".training";
    }

    /** The id of the file the app loads for {@code entry} (the precision suffix included: {@code fast-x2-fp16}). */
    static String fileId(ShippedModels.Entry entry) {
        for (ShippedModels.ShippedFile precision : PRECISIONS) {
            if (entry.files().contains(precision)) {
                String name = precision.nameFor(entry.id());
                return name.substring(0, name.length() - ".tflite".length());
            }
        }
        throw new IllegalStateException(entry.id() + " has no .tflite"); // Entry requires fp32
    }
}
