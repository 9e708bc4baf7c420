package io.clarity.app.data;

import android.content.res.AssetManager;
import android.util.Log;

import io.clarity.app.tflite.AssetModelFiles;
import io.clarity.app.tflite.ModelBytes;
import io.clarity.app.tflite.ModelFiles;
import io.clarity.app.tflite.TfliteMetadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The models bundled under {@code assets/models/}: whatever .tflite files the build found in ml-models/models, each
 * blendable when its two weight sets ship beside it ({@link ModelBytes#blendable}).
 */
public final class ModelCatalog {
    private static final String TAG = "ModelCatalog";

    private ModelCatalog() {
    }

    /** Every readable Clarity model in the APK, Fast before Detail, smaller scales first. */
    public static List<ModelInfo> list(AssetManager assets) {
        return list(new AssetModelFiles(assets));
    }

    /** Every readable Clarity model in {@code files}, chosen and sorted; a broken file is skipped and logged. */
    public static List<ModelInfo> list(ModelFiles files) {
        List<ModelInfo> models = new ArrayList<>();
        List<String> names;
        try {
            names = files.names();
        } catch (IOException e) {
            return models;
        }
        for (String file : names) {
            if (!file.endsWith(".tflite")) {
                continue;
            }
            String id = file.substring(0, file.length() - ".tflite".length());
            try {
                models.add(new ModelInfo(id, TfliteMetadata.readSpec(ByteBuffer.wrap(files.read(file))),
                        ModelBytes.blendable(id, names)));
            } catch (IOException | IllegalArgumentException e) {
                Log.w(TAG, "skipping " + file + ": " + e.getMessage());
            }
        }
        return choose(models);
    }

    /**
     * One model per kind and scale, sorted Fast before Detail and by scale. Among networks of one kind and scale
     * the trained LR-space "fast" family wins over SRCNN, and SRCNN over the linear baseline (see their model cards
     * in ml-models/models). ml-models ships each network as fp32, fp16 ({@code -fp16}) and int8 ({@code -int8})
     * files: fp16 weights are what the GPU delegate runs anyway and XNNPACK widens them at load, so fp16 is
     * preferred, then fp32, then int8 (which loses a little).
     */
    public static List<ModelInfo> choose(List<ModelInfo> all) {
        List<ModelInfo> chosen = new ArrayList<>();
        for (ModelInfo m : all) {
            int same = -1;
            for (int i = 0; i < chosen.size(); i++) {
                if (chosen.get(i).kind() == m.kind() && chosen.get(i).scale() == m.scale()) {
                    same = i;
                }
            }
            if (same < 0) {
                chosen.add(m);
            } else if (preference(m.id()) < preference(chosen.get(same).id())) {
                chosen.set(same, m);
            }
        }
        Collections.sort(chosen, Comparator.comparing(ModelInfo::kind).thenComparingInt(ModelInfo::scale));
        return chosen;
    }

    private static final String[] FAMILIES_BEST_FIRST = {"fast-", "realphoto-", "srcnn-", "linear-"};

    private static int preference(String id) {
        int family = FAMILIES_BEST_FIRST.length;
        for (int i = 0; i < FAMILIES_BEST_FIRST.length; i++) {
            if (id.startsWith(FAMILIES_BEST_FIRST[i])) {
                family = i;
                break;
            }
        }
        int precision = id.endsWith("-fp16") ? 0 : id.endsWith("-int8") ? 2 : 1;
        return family * 3 + precision;
    }
}
