package io.clarity.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The app module's layout and dependencies, as the pom passes them, shared by both steps. */
final class AndroidProject {
    final Path target;
    final Path classes;
    final Path testClasses;
    final Path androidJar;
    final Path cache;
    final String packageName;
    final Map<String, String> options;
    /** Runtime dependencies (jars and aars), in classpath order. */
    final List<Path> runtime;
    /** Test-only dependencies. */
    final List<Path> testOnly;

    AndroidProject(Map<String, String> options) throws IOException {
        this.options = options;
        target = BuildStep.path(options, "target");
        classes = target.resolve("classes");
        testClasses = target.resolve("test-classes");
        androidJar = BuildStep.path(options, "android-jar");
        cache = BuildStep.path(options, "cache");
        packageName = options.get("package");
        runtime = readClasspath(BuildStep.path(options, "runtime-classpath"));
        Set<Path> test = new LinkedHashSet<>(readClasspath(BuildStep.path(options, "test-classpath")));
        test.removeAll(runtime);
        test.remove(androidJar);
        testOnly = new ArrayList<>(test);
        Files.createDirectories(cache);
    }

    /** aapt2 ships inside apktool-lib as a static Linux x86-64 binary; Debian's is too old for API 36. */
    Path aapt2() throws IOException {
        Path out = cache.resolve("aapt2-apktool-" + options.getOrDefault("apktool-version", "0"));
        if (!Files.exists(out)) {
            try (InputStream in = AndroidProject.class.getResourceAsStream("/prebuilt/linux/aapt2")) {
                if (in == null) {
                    throw new IOException("prebuilt/linux/aapt2 is missing from apktool-lib on the classpath");
                }
                Path tmp = Files.createTempFile(cache, "aapt2", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                tmp.toFile().setExecutable(true);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return out;
    }

    /** {@code --variant release}: R8, shrunk resources, per-ABI APKs signed with the release key. */
    boolean release() {
        return "release".equals(options.getOrDefault("variant", "debug"));
    }

    /**
     * versionCode from versionName (MAJOR.MINOR.PATCH, anything after a '-' ignored) as MAJOR·10000 + MINOR·100 +
     * PATCH, so the pom's project version is the one place both come from and every release has a larger code.
     */
    static int versionCode(String versionName) {
        String[] parts = versionName.split("-", 2)[0].split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("version " + versionName + " is not MAJOR.MINOR.PATCH");
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        int patch = Integer.parseInt(parts[2]);
        if (minor > 99 || patch > 99) {
            throw new IllegalArgumentException("version " + versionName + ": MINOR and PATCH must be 0..99");
        }
        return major * 10000 + minor * 100 + patch;
    }

    private static List<Path> readClasspath(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file)).trim();
        if (text.isEmpty()) {
            return new ArrayList<>();
        }
        return Arrays.stream(text.split(java.io.File.pathSeparator))
                .map(s -> Path.of(s).toAbsolutePath())
                .filter(p -> !Files.isDirectory(p))
                .collect(Collectors.toList());
    }

    static boolean isAar(Path p) {
        return p.getFileName().toString().endsWith(".aar");
    }

    /** Where an AAR is unpacked: target/aars/NAME. */
    Path unpacked(Path aar) {
        String name = aar.getFileName().toString();
        return target.resolve("aars").resolve(name.substring(0, name.length() - 4));
    }

    /** The class jars an AAR or jar contributes: classes.jar and libs/*.jar of an AAR, or the jar itself. */
    List<Path> classJars(Path dependency) throws IOException {
        if (!isAar(dependency)) {
            return List.of(dependency);
        }
        Path dir = unpacked(dependency);
        List<Path> jars = new ArrayList<>();
        if (Files.exists(dir.resolve("classes.jar"))) {
            jars.add(dir.resolve("classes.jar"));
        }
        Path libs = dir.resolve("libs");
        if (Files.isDirectory(libs)) {
            try (Stream<Path> s = Files.list(libs)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return jars;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void unzip(Path zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = dir.resolve(e.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("zip entry escapes its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", command));
        }
    }
}
