package io.clarity.buildtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks the shrunk dex against app/android/release-keep-check.txt: the classes and methods found by name at run
 * time (manifest, WorkManager's database, Room, TFLite's JNI) must be there under their own names, and the app's
 * entry points that code calls (Compose screens) must be there under whatever name R8 gave them (mapping.txt).
 */
final class KeepCheck {
    private final Path list;
    private final Path mapping;

    KeepCheck(Path list, Path mapping) {
        this.list = list;
        this.mapping = mapping;
    }

    /** @throws IllegalStateException naming every entry that did not survive */
    void check(Path dexDir) throws IOException {
        DexClasses dex = new DexClasses();
        try (Stream<Path> files = Files.list(dexDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".dex")).sorted()::iterator) {
                dex.add(f);
            }
        }
        List<String> missing = check(dex, Files.readAllLines(list), Files.exists(mapping) ? Files.readAllLines(mapping) : List.of());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("R8 removed or renamed what the app loads by name (" + list.getFileName()
                    + "): " + String.join("; ", missing));
        }
        System.out.printf("[clarity] keep check: %d entries of %s present among %d classes%n",
                entries(Files.readAllLines(list)).size(), list.getFileName(), dex.classCount());
    }

    /**
     * Lines: {@code CLASS [METHOD...]} must be in the dex under its own names; {@code ~CLASS METHOD...} may have been
     * renamed, moved or inlined by R8, and is there when mapping.txt puts its code into a method the dex has.
     * {@code #} starts a comment.
     */
    static List<String> check(DexClasses dex, List<String> lines, List<String> mappingLines) {
        // "pkg.Class.method" -> every residual "class#method" holding its code (renamed, moved or inlined into)
        Map<String, List<String>> residual = new HashMap<>();
        Map<String, String> renamedClasses = new HashMap<>();
        String originalClass = null;
        String residualClass = null;
        for (String line : mappingLines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ") && line.endsWith(":") && line.contains(" -> ")) {
                String[] parts = line.substring(0, line.length() - 1).split(" -> ");
                originalClass = parts[0];
                residualClass = parts[1];
                renamedClasses.put(originalClass, residualClass);
            } else if (originalClass != null && line.contains("(") && line.contains(" -> ")) {
                // "    21:95:void io.clarity.app.ui.home.HomeScreenKt.HomeScreen(...):63:63 -> c"
                String head = line.substring(0, line.indexOf('(')).trim();
                String name = head.substring(head.lastIndexOf(' ') + 1);
                String qualified = name.contains(".") ? name : originalClass + "." + name;
                residual.computeIfAbsent(qualified, k -> new ArrayList<>())
                        .add(residualClass + "#" + line.substring(line.lastIndexOf(" -> ") + 4).trim());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String[] entry : entries(lines)) {
            if (entry[0].startsWith("~")) {
                String original = entry[0].substring(1);
                if (entry.length == 1) {
                    missing.add(original + " (a ~ entry needs the methods to look for)");
                }
                for (int i = 1; i < entry.length; i++) {
                    boolean present = residual.getOrDefault(original + "." + entry[i], List.of(original + "#" + entry[i]))
                            .stream().anyMatch(r -> dex.hasMethod(r.substring(0, r.indexOf('#')), r.substring(r.indexOf('#') + 1)));
                    if (!present) {
                        missing.add(original + "." + entry[i] + " (under any name)");
                    }
                }
                continue;
            }
            String name = entry[0];
            if (!dex.defines(name) || !renamedClasses.getOrDefault(name, name).equals(name)) {
                missing.add(name);
                continue;
            }
            for (int i = 1; i < entry.length; i++) {
                if (!dex.hasMethod(name, entry[i])) {
                    missing.add(name + "." + entry[i]);
                }
            }
        }
        return missing;
    }

    private static List<String[]> entries(List<String> lines) {
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            String text = line.replaceAll("#.*", "").trim();
            if (!text.isEmpty()) {
                entries.add(text.split("\\s+"));
            }
        }
        return entries;
    }
}
