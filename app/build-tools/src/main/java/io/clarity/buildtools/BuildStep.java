package io.clarity.buildtools;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point that app/android's pom runs with {@code java -jar}: {@code resources} before compiling (unpack AARs,
 * merge manifests, aapt2, Robolectric config) and {@code apk} after (D8, zip, align, sign).
 * Arguments are {@code --name value} pairs; {@link AndroidProject} names them.
 */
public final class BuildStep {
    private BuildStep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 1) {
            System.err.println("usage: BuildStep resources|apk --name value ...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        AndroidProject project = new AndroidProject(options);
        long start = System.nanoTime();
        try {
            switch (args[0]) {
                case "resources":
                    new ResourceStep(project).run();
                    break;
                case "apk":
                    new ApkStep(project).run();
                    break;
                default:
                    System.err.println("unknown step " + args[0]);
                    System.exit(2);
            }
        } catch (IllegalStateException e) {
            // a problem a person can fix (a missing signing key, a keep rule): one line, not a stack trace
            System.err.println("[clarity] " + args[0] + " step: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("[clarity] %s step took %.1f s%n", args[0], (System.nanoTime() - start) / 1e9);
    }

    static Path path(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return Paths.get(value).toAbsolutePath();
    }
}
