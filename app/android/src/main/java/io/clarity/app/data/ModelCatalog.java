package io.clarity.app.data;

import android.content.res.AssetManager;
import android.util.Log;

import io.clarity.app.tflite.TfliteMetadata;
import io.clarity.app.tflite.TfliteRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** The models bundled under {@code assets/models/}: whatever .tflite files the build found in ml-models/models. */
public final class ModelCatalog {
    private static final String TAG = "ModelCatalog";

    private ModelCatalog() {
    }

    /** Every readable Clarity model, Fast before Detail, smaller scales first; a broken file is skipped and logged. */
    public static List<ModelInfo> list(AssetManager assets) {
        List<ModelInfo> models = new ArrayList<>();
        String[] files;
        try {
            files = assets.list(TfliteRuntime.MODEL_DIR);
        } catch (IOException e) {
            return models;
        }
        if (files == null) {
            return models;
        }
        for (String file : files) {
            if (!file.endsWith(".tflite")) {
                continue;
            }
            String id = file.substring(0, file.length() - ".tflite".length());
            try (InputStream in = assets.open(TfliteRuntime.MODEL_DIR + "/" + file)) {
                models.add(new ModelInfo(id, TfliteMetadata.readSpec(ByteBuffer.wrap(readAll(in)))));
            } catch (IOException | IllegalArgumentException e) {
                Log.w(TAG, "skipping " + file + ": " + e.getMessage());
            }
        }
        Collections.sort(models, Comparator.comparing(ModelInfo::kind).thenComparingInt(ModelInfo::scale));
        return models;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
