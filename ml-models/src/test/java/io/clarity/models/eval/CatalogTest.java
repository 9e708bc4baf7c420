package io.clarity.models.eval;

import io.clarity.engine.model.ShippedModels;
import io.clarity.models.weights.WeightsFile;
import org.junit.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/** The committed catalog says what ml-models/models holds and what the committed cards measured. */
public class CatalogTest {
    private static final Path MODELS = Paths.get("models");

    private static ShippedModels catalog() throws IOException {
        try (Reader r = Files.newBufferedReader(MODELS.resolve(ShippedModels.FILE_NAME), StandardCharsets.UTF_8)) {
            return ShippedModels.parse(r);
        }
    }

    @Test
    public void everyShippedModelFileIsInTheCatalogAndEveryListedFileExists() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (ShippedModels.Entry e : catalog().entries()) {
            listed.addAll(e.fileNames());
        }
        Set<String> shipped;
        try (Stream<Path> files = Files.list(MODELS)) {
            shipped = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tflite") || n.endsWith(".clw")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(shipped, listed);
    }

    @Test
    public void everyEntryIsWhatItsWeightsAndCardSay() throws IOException {
        Set<String> ids = new HashSet<>();
        for (ShippedModels.Entry e : catalog().entries()) {
            ids.add(e.id());
            assertEquals(e.id(), ModelCard.entryFromCard(MODELS, e.id()), e);
            assertNotNull(e.id() + " has a training record", Files.isRegularFile(MODELS.resolve(e.id() + ".training")));
        }
        try (Stream<Path> files = Files.list(MODELS)) {
            assertEquals("every model with a training record is listed", files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".training")).map(n -> n.substring(0, n.length() - ".training".length()))
                    .collect(Collectors.toSet()), ids);
        }
        WeightsFile.read(MODELS.resolve("fast-x2.clw")); // the weights the entries were built from parse
    }
}
