package io.clarity.buildtools;

import com.android.manifmerger.Merger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Before compiling: unpack AARs, put their classes where kotlinc, javac and Surefire see them, merge manifests,
 * compile and link resources with aapt2 (R.java for the app and every library), and write Robolectric's config.
 */
final class ResourceStep {
    private static final Pattern PACKAGE = Pattern.compile("package=\"([^\"]+)\"");

    private final AndroidProject project;

    ResourceStep(AndroidProject project) {
        this.project = project;
    }

    void run() throws Exception {
        if (project.release()) {
            ApkKey.release(ApkKey.debug(BuildStep.path(project.options, "debug-keystore"))); // minutes before R8 needs it
        }
        Path aapt2 = project.aapt2();
        List<Path> mainAars = aars(project.runtime);
        List<Path> testAars = aars(project.testOnly);
        for (Path aar : mainAars) {
            unpack(aar, project.classes);
        }
        for (Path aar : testAars) {
            unpack(aar, project.testClasses);
        }

        // assets/licenses/: Clarity's LICENSE and the notices of every library in the APK (the About screen reads them)
        Path licenses = BuildStep.path(project.options, "assets").resolve("licenses");
        Files.createDirectories(licenses);
        Files.copy(BuildStep.path(project.options, "license"), licenses.resolve("LICENSE"), StandardCopyOption.REPLACE_EXISTING);
        ThirdPartyNotices.write("Third-party notices for the Clarity Android app", project.runtime,
                licenses.resolve("THIRD-PARTY-NOTICES.txt"));

        Path main = project.target.resolve("manifest/AndroidManifest.xml");
        mergeManifests(main, mainAars);
        List<Path> allAars = new ArrayList<>(mainAars);
        allAars.addAll(testAars);
        Path test = project.target.resolve("manifest-test/AndroidManifest.xml");
        mergeManifests(test, allAars);

        List<Path> mainRes = compileResources(aapt2, mainAars);
        List<Path> testRes = compileResources(aapt2, testAars);
        Path appRes = project.target.resolve("res-compiled/app.zip");
        Files.createDirectories(appRes.getParent());
        Path resDir = BuildStep.path(project.options, "res");
        AndroidProject.exec(List.of(aapt2.toString(), "compile", "--dir", resDir.toString(), "-o", appRes.toString()));
        mainRes.add(appRes);

        Path ids = project.target.resolve("resource-ids.txt");
        Path rJava = project.target.resolve("generated-sources/r");
        link(aapt2, main, mainRes, mainAars, project.target.resolve("resources.ap_"), rJava, ids, Link.MAIN);
        if (project.release()) {
            // R8 shrinks resources in aapt2's proto format; the same ids as R.java
            link(aapt2, main, mainRes, mainAars, project.target.resolve("resources-proto.ap_"), null, ids, Link.PROTO);
        }
        List<Path> withTest = new ArrayList<>(testRes);
        withTest.addAll(mainRes);
        link(aapt2, test, withTest, allAars, project.target.resolve("resources-test.ap_"), null, ids, Link.TEST);
        writeRobolectricConfig(test);
    }

    private static List<Path> aars(List<Path> deps) {
        return deps.stream().filter(AndroidProject::isAar).collect(Collectors.toList());
    }

    /** Unpacks an AAR and extracts its classes into {@code classesDir}. */
    private void unpack(Path aar, Path classesDir) throws IOException {
        Path dir = project.unpacked(aar);
        Path stamp = dir.resolve(".unpacked");
        if (!Files.exists(stamp)) {
            AndroidProject.unzip(aar, dir);
            Files.write(stamp, new byte[0]);
        }
        // Extracting tens of thousands of class files costs ~30 s on a slow disk: once per AAR per output folder.
        Path extracted = classesDir.resolve(".aar-extracted").resolve(dir.getFileName().toString());
        if (Files.exists(extracted)) {
            return;
        }
        for (Path jar : project.classJars(aar)) {
            extractClasses(jar, classesDir);
        }
        Files.createDirectories(extracted.getParent());
        Files.write(extracted, new byte[0]);
    }

    private static void extractClasses(Path jar, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                boolean wanted = name.endsWith(".class") && !name.startsWith("META-INF/versions/")
                        && !name.endsWith("module-info.class");
                // Kotlin finds a library's top-level functions through its .kotlin_module file.
                wanted |= name.startsWith("META-INF/") && name.endsWith(".kotlin_module");
                if (!wanted || e.isDirectory()) {
                    continue;
                }
                Path out = dir.resolve(name).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("zip entry escapes its folder: " + name);
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void mergeManifests(Path out, List<Path> aars) throws IOException {
        Files.createDirectories(out.getParent());
        List<String> libs = new ArrayList<>();
        for (Path aar : aars) {
            Path manifest = project.unpacked(aar).resolve("AndroidManifest.xml");
            if (Files.exists(manifest)) {
                libs.add(manifest.toString());
            }
        }
        List<String> args = new ArrayList<>(List.of(
                "--main", BuildStep.path(project.options, "manifest").toString(),
                "--remove-tools-declarations",
                "--property", "PACKAGE=" + project.packageName,
                "--property", "MIN_SDK_VERSION=" + project.options.get("min-sdk"),
                "--property", "TARGET_SDK_VERSION=" + project.options.get("target-sdk"),
                "--property", "VERSION_CODE=" + String.valueOf(AndroidProject.versionCode(project.options.get("version-name"))),
                "--property", "VERSION_NAME=" + project.options.get("version-name"),
                "--out", out.toString()));
        if (!libs.isEmpty()) {
            args.add("--libs");
            args.add(String.join(java.io.File.pathSeparator, libs));
        }
        int status = new Merger().process(args.toArray(new String[0]));
        if (status != 0) {
            throw new IOException("manifest merge failed for " + out);
        }
    }

    /** aapt2 compile of each AAR's res/, cached by the AAR's content outside target/. */
    private List<Path> compileResources(Path aapt2, List<Path> aars) throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path aar : aars) {
            Path res = project.unpacked(aar).resolve("res");
            if (!Files.isDirectory(res) || isEmpty(res)) {
                continue;
            }
            Path compiled = project.cache.resolve("res").resolve(AndroidProject.sha256(aar) + ".zip");
            if (!Files.exists(compiled)) {
                Files.createDirectories(compiled.getParent());
                Path tmp = compiled.resolveSibling(compiled.getFileName() + ".tmp");
                AndroidProject.exec(List.of(aapt2.toString(), "compile", "--dir", res.toString(), "-o", tmp.toString()));
                Files.move(tmp, compiled, StandardCopyOption.ATOMIC_MOVE);
            }
            out.add(compiled);
        }
        return out;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.noneMatch(Files::isRegularFile);
        }
    }

    /** The three resource tables: the APK's (ids emitted, R.java), R8's proto copy of it, the tests' (same ids). */
    private enum Link { MAIN, PROTO, TEST }

    private void link(Path aapt2, Path manifest, List<Path> compiled, List<Path> aars, Path out, Path javaDir,
                      Path ids, Link kind) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(aapt2.toString(), "link",
                "-I", project.androidJar.toString(),
                "--manifest", manifest.toString(),
                "-o", out.toString(),
                "--auto-add-overlay",
                "--min-sdk-version", project.options.get("min-sdk"),
                "--target-sdk-version", project.options.get("target-sdk"),
                "--version-code", String.valueOf(AndroidProject.versionCode(project.options.get("version-name"))),
                "--version-name", project.options.get("version-name"),
                "-0", "tflite"));
        if (kind == Link.MAIN) {
            cmd.addAll(List.of("--emit-ids", ids.toString()));
            // keep rules for the classes the manifest and layouts name (R8 reads them in the release build)
            cmd.addAll(List.of("--proguard", project.target.resolve("aapt-rules.pro").toString()));
        } else {
            cmd.addAll(List.of("--stable-ids", ids.toString()));
        }
        if (kind == Link.PROTO) {
            cmd.add("--proto-format");
        }
        if (!project.release()) {
            cmd.add("--debug-mode"); // android:debuggable="true": the debug APK can be debugged and profiled
        }
        if (javaDir != null) {
            Files.createDirectories(javaDir);
            cmd.addAll(List.of("--java", javaDir.toString()));
            List<String> packages = new ArrayList<>();
            for (Path aar : aars) {
                String p = libraryPackage(aar);
                if (p != null && !packages.contains(p) && !p.equals(project.packageName)) {
                    packages.add(p);
                }
            }
            if (!packages.isEmpty()) {
                cmd.addAll(List.of("--extra-packages", String.join(":", packages)));
            }
        }
        Path assets = assets(aars);
        if (assets != null) {
            cmd.addAll(List.of("-A", assets.toString()));
        }
        for (Path c : compiled) {
            cmd.addAll(List.of("-R", c.toString()));
        }
        AndroidProject.exec(cmd);
    }

    private String libraryPackage(Path aar) throws IOException {
        Path manifest = project.unpacked(aar).resolve("AndroidManifest.xml");
        if (!Files.exists(manifest)) {
            return null;
        }
        Matcher m = PACKAGE.matcher(new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    /** The app's and the libraries' assets merged into target/assets (the app's win). */
    private Path assets(List<Path> aars) throws IOException {
        Path merged = project.target.resolve("assets");
        List<Path> sources = new ArrayList<>();
        for (Path aar : aars) {
            sources.add(project.unpacked(aar).resolve("assets"));
        }
        String appAssets = project.options.get("assets");
        if (appAssets != null) {
            sources.add(Path.of(appAssets));
        }
        Files.createDirectories(merged);
        for (Path source : sources) {
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path to = merged.resolve(source.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return merged;
    }

    /** Robolectric reads this from the test classpath instead of Gradle's generated config. */
    private void writeRobolectricConfig(Path testManifest) throws IOException {
        Properties p = new Properties();
        p.setProperty("android_merged_manifest", testManifest.toString());
        p.setProperty("android_resource_apk", project.target.resolve("resources-test.ap_").toString());
        p.setProperty("android_merged_assets", project.target.resolve("assets").toString());
        p.setProperty("android_custom_package", project.packageName);
        Path out = project.testClasses.resolve("com/android/tools/test_config.properties");
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            p.store(o, "written by io.clarity.buildtools.ResourceStep");
        }
    }
}
