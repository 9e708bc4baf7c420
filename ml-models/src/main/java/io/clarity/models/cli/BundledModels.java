package io.clarity.models.cli;

import io.clarity.engine.model.ShippedModels;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The model catalog packaged into the jar beside the .tflite files ({@code /models/catalog.tsv}). */
final class BundledModels {
    private static ShippedModels catalog;

    private BundledModels() {
    }

    /** Read once; a jar without its catalog is a broken build, not a user error. */
    static synchronized ShippedModels catalog() {
        if (catalog == null) {
            String path = "/models/" + ShippedModels.FILE_NAME;
            try (InputStream in = BundledModels.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the jar holds no " + path);
                }
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    catalog = ShippedModels.parse(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalog;
    }
}
