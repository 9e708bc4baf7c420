package io.clarity.buildtools;

import com.android.tools.r8.ArchiveProtoAndroidResourceConsumer;
import com.android.tools.r8.ArchiveProtoAndroidResourceProvider;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.OutputMode;
import com.android.tools.r8.R8;
import com.android.tools.r8.R8Command;
import com.android.tools.r8.Version;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The release build's R8 run: shrinks, optimises and obfuscates the app with its libraries into dex, and shrinks
 * the resources with it (R8 traces resource references from code and the manifest, in aapt2's proto format).
 * Keep rules: the app's proguard-rules.pro, aapt2's rules for the manifest, each AAR's proguard.txt, each jar's
 * META-INF rules for this R8 version, and rules for the classes META-INF/services names.
 */
final class ReleaseShrinker {
    /** {@code META-INF/com.android.tools/r8-from-1.6.0-upto-3.0.0/x.pro}: rules for a range of R8 versions. */
    private static final Pattern R8_RULES = Pattern.compile(
            "META-INF/com\\.android\\.tools/r8(?:-from-([0-9.]+))?(?:-upto-([0-9.]+))?/[^/]+");

    private final AndroidProject project;

    ReleaseShrinker(AndroidProject project) {
        this.project = project;
    }

    /** Writes dex into {@code dexDir}; returns the shrunk resources (binary, as the APK carries them). */
    Path shrink(Path appClasses, List<Path> libraryJars, Path dexDir) throws Exception {
        Path protoIn = project.target.resolve("resources-proto.ap_");
        Path protoOut = project.target.resolve("resources-proto-shrunk.ap_");
        Files.deleteIfExists(protoOut);
        long start = System.nanoTime();
        R8.run(R8Command.builder()
                .addProgramFiles(appClasses)
                .addProgramFiles(libraryJars)
                .addLibraryFiles(project.androidJar)
                // android-all (Robolectric's) leaves out java.*: the JDK's stand in for them
                .addLibraryResourceProvider(JdkClassFileProvider.fromJdkHome(Path.of(System.getProperty("java.home"))))
                .setMinApiLevel(26)
                .setMode(CompilationMode.RELEASE)
                .addProguardConfigurationFiles(rules(libraryJars))
                .setProguardMapOutputPath(project.target.resolve("mapping.txt"))
                .setAndroidResourceProvider(new ArchiveProtoAndroidResourceProvider(protoIn))
                .setAndroidResourceConsumer(new ArchiveProtoAndroidResourceConsumer(protoOut, protoIn))
                .setResourceShrinkerConfiguration(c -> c.enableOptimizedShrinkingWithR8().build())
                .setOutput(dexDir, OutputMode.DexIndexed)
                .build());
        System.out.printf("[clarity] R8 took %.1f s%n", (System.nanoTime() - start) / 1e9);
        Path binary = project.target.resolve("resources-release.ap_");
        Files.deleteIfExists(binary);
        AndroidProject.exec(List.of(project.aapt2().toString(), "convert", "--output-format", "binary",
                "-o", binary.toString(), protoOut.toString()));
        return binary;
    }

    /** Every rules file R8 reads, written under target/r8-rules where they come out of archives. */
    private List<Path> rules(List<Path> libraryJars) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(BuildStep.path(project.options, "proguard-rules"));
        files.add(project.target.resolve("aapt-rules.pro"));
        for (Path dep : project.runtime) {
            Path rules = project.unpacked(dep).resolve("proguard.txt");
            if (AndroidProject.isAar(dep) && Files.isRegularFile(rules)) {
                files.add(rules);
            }
        }
        Path dir = project.target.resolve("r8-rules");
        Files.createDirectories(dir);
        int n = 0;
        for (Path jar : libraryJars) {
            for (Map.Entry<String, byte[]> rule : embeddedRules(jar).entrySet()) {
                Path out = dir.resolve((n++) + "-" + jar.getFileName() + "-" + Path.of(rule.getKey()).getFileName());
                Files.write(out, rule.getValue());
                files.add(out);
            }
        }
        Path services = dir.resolve("services.pro");
        Files.writeString(services, serviceRules(libraryJars));
        files.add(services);
        return files;
    }

    /**
     * A jar's own rules, chosen as the Android Gradle plugin does: those under META-INF/com.android.tools/ whose
     * r8-from/upto range holds this R8's version when there are any, else META-INF/proguard/.
     */
    static Map<String, byte[]> embeddedRules(Path jar) throws IOException {
        Map<String, byte[]> r8 = new java.util.TreeMap<>();
        Map<String, byte[]> proguard = new java.util.TreeMap<>();
        boolean hasR8Folder = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                Matcher m = R8_RULES.matcher(name);
                if (name.startsWith("META-INF/com.android.tools/r8")) {
                    hasR8Folder = true;
                }
                if (m.matches() && inRange(Version.getVersionString(), m.group(1), m.group(2))) {
                    r8.put(name, read(zip, e));
                } else if (name.startsWith("META-INF/proguard/")) {
                    proguard.put(name, read(zip, e));
                }
            }
        }
        return hasR8Folder ? r8 : proguard;
    }

    static boolean inRange(String version, String from, String upto) {
        return (from == null || compare(version, from) >= 0) && (upto == null || compare(version, upto) < 0);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length && x[i].matches("\\d+") ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length && y[i].matches("\\d+") ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    /** ServiceLoader finds providers by the names in META-INF/services (coroutines' Dispatchers.Main): keep them. */
    private static String serviceRules(List<Path> jars) throws IOException {
        TreeSet<String> rules = new TreeSet<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (e.isDirectory() || !e.getName().startsWith("META-INF/services/")) {
                        continue;
                    }
                    rules.add("-keepnames class " + e.getName().substring("META-INF/services/".length()));
                    for (String line : new String(read(zip, e), StandardCharsets.UTF_8).split("\n")) {
                        String provider = line.replaceAll("#.*", "").trim();
                        if (!provider.isEmpty()) {
                            rules.add("-keep class " + provider + " { <init>(); }");
                        }
                    }
                }
            }
        }
        return String.join("\n", rules) + "\n";
    }

    private static byte[] read(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
