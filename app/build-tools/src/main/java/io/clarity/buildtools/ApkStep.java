package io.clarity.buildtools;

import com.android.apksig.ApkSigner;
import com.android.apksig.ApkVerifier;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.D8;
import com.android.tools.r8.D8Command;
import com.android.tools.r8.OutputMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * After compiling: dex (libraries once each, cached by content outside target/; the app's own classes every time),
 * then zip resources, dex, native libraries and service files, and sign v2+v3 (apksig also aligns).
 */
final class ApkStep {
    private static final int MIN_API = 26;

    private final AndroidProject project;

    ApkStep(AndroidProject project) {
        this.project = project;
    }

    /** The ABIs Clarity ships; TFLite's 32-bit x86 libraries stay out (no such phones, only old emulators). */
    static final List<String> ABIS = List.of("arm64-v8a", "armeabi-v7a", "x86_64");

    void run() throws Exception {
        List<Path> libraryJars = new ArrayList<>();
        for (Path dep : project.runtime) {
            libraryJars.addAll(project.classJars(dep));
        }
        Path dexDir = project.target.resolve("dex");
        deleteTree(dexDir);
        Files.createDirectories(dexDir);
        Path apk = BuildStep.path(project.options, "apk");
        if (!project.release()) {
            dexDebug(libraryJars, dexDir);
            Path unsigned = project.target.resolve("clarity-unsigned.apk");
            zip(unsigned, project.target.resolve("resources.ap_"), dexDir, ABIS);
            sign(unsigned, apk, ApkKey.debug(BuildStep.path(project.options, "debug-keystore")));
            System.out.printf("[clarity] wrote %s (%.1f MB)%n", apk, Files.size(apk) / 1e6);
            return;
        }
        ApkKey key = ApkKey.release(ApkKey.debug(BuildStep.path(project.options, "debug-keystore")));
        Path resources = new ReleaseShrinker(project).shrink(appClassesJar(), libraryJars, dexDir);
        new KeepCheck(BuildStep.path(project.options, "keep-check"), project.target.resolve("mapping.txt")).check(dexDir);
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        for (String abi : ABIS) {
            variants.put(abi, List.of(abi));
        }
        variants.put("universal", ABIS);
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            Path unsigned = project.target.resolve("clarity-release-" + v.getKey() + "-unsigned.apk");
            Path out = apk.resolveSibling("clarity-release-" + v.getKey() + ".apk");
            zip(unsigned, resources, dexDir, v.getValue());
            sign(unsigned, out, key);
            Files.delete(unsigned);
            System.out.printf("[clarity] wrote %s (%.2f MB)%n", out, Files.size(out) / 1e6);
        }
    }

    /** Debug: libraries dexed once each (cached), the app's classes every time, merged without optimisation. */
    private void dexDebug(List<Path> libraryJars, Path dexDir) throws Exception {
        List<Path> dexInputs = new ArrayList<>();
        for (Path jar : libraryJars) {
            dexInputs.add(dexLibrary(jar, libraryJars));
        }
        dexInputs.add(dexAppClasses(libraryJars));
        D8.run(D8Command.builder()
                .addProgramFiles(dexInputs)
                .setMinApiLevel(MIN_API)
                .setMode(CompilationMode.DEBUG)
                .setOutput(dexDir, OutputMode.DexIndexed)
                .build());
    }

    /** One library jar to intermediate dex, cached by the jar's content, so warm builds skip ~2 minutes of D8. */
    private Path dexLibrary(Path jar, List<Path> classpath) throws Exception {
        Path out = project.cache.resolve("dex").resolve(AndroidProject.sha256(jar) + "-" + MIN_API + ".zip");
        if (Files.exists(out)) {
            return out;
        }
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp.zip");
        List<Path> others = classpath.stream().filter(p -> !p.equals(jar)).collect(Collectors.toList());
        D8.run(D8Command.builder()
                .addProgramFiles(jar)
                .addLibraryFiles(project.androidJar)
                .addClasspathFiles(others)
                .setMinApiLevel(MIN_API)
                .setIntermediate(true)
                .setMode(CompilationMode.DEBUG)
                .setOutput(tmp, OutputMode.DexIndexed)
                .build());
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    /** The app's own classes: everything in target/classes that did not come out of an AAR. */
    private Path appClassesJar() throws IOException {
        java.util.Set<String> fromLibraries = new java.util.HashSet<>();
        for (Path dep : project.runtime) {
            if (AndroidProject.isAar(dep)) {
                for (Path jar : project.classJars(dep)) {
                    try (ZipFile z = new ZipFile(jar.toFile())) {
                        z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(fromLibraries::add);
                    }
                }
            }
        }
        Path appJar = project.target.resolve("app-classes.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(appJar));
             Stream<Path> files = Files.walk(project.classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
                String name = project.classes.relativize(f).toString().replace('\\', '/');
                if (!fromLibraries.contains(name)) {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return appJar;
    }

    private Path dexAppClasses(List<Path> libraryJars) throws Exception {
        Path out = project.target.resolve("app-dex.zip");
        Files.deleteIfExists(out);
        D8.run(D8Command.builder()
                .addProgramFiles(appClassesJar())
                .addLibraryFiles(project.androidJar)
                .addClasspathFiles(libraryJars)
                .setMinApiLevel(MIN_API)
                .setIntermediate(true)
                .setMode(CompilationMode.DEBUG)
                .setOutput(out, OutputMode.DexIndexed)
                .build());
        return out;
    }

    /** Resources, dex, the native libraries of {@code abis} and the libraries' service files, in one APK. */
    private void zip(Path out, Path resources, Path dexDir, List<String> abis) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            // resources.ap_: manifest, resources.arsc, res/**, assets/** as aapt2 stored or compressed them.
            try (ZipFile res = new ZipFile(resources.toFile())) {
                for (ZipEntry e : java.util.Collections.list(res.entries())) {
                    try (InputStream in = res.getInputStream(e)) {
                        put(zip, e.getName(), in.readAllBytes(), e.getMethod() == ZipEntry.STORED);
                    }
                }
            }
            try (Stream<Path> dex = Files.list(dexDir)) {
                for (Path d : (Iterable<Path>) dex.filter(p -> p.toString().endsWith(".dex")).sorted()::iterator) {
                    put(zip, d.getFileName().toString(), Files.readAllBytes(d), false);
                }
            }
            // Native code is stored uncompressed so the platform maps it straight from the APK.
            for (Path dep : project.runtime) {
                Path jni = project.unpacked(dep).resolve("jni");
                if (AndroidProject.isAar(dep) && Files.isDirectory(jni)) {
                    try (Stream<Path> libs = Files.walk(jni)) {
                        for (Path so : (Iterable<Path>) libs.filter(p -> p.toString().endsWith(".so"))
                                .filter(p -> abis.contains(jni.relativize(p).getName(0).toString())).sorted()::iterator) {
                            put(zip, "lib/" + jni.relativize(so).toString().replace('\\', '/'), Files.readAllBytes(so), true);
                        }
                    }
                }
            }
            for (Map.Entry<String, byte[]> service : serviceFiles().entrySet()) {
                put(zip, service.getKey(), service.getValue(), false);
            }
        }
    }

    /** META-INF/services from every library (coroutines finds Dispatchers.Main this way), merged by name. */
    Map<String, byte[]> serviceFiles() throws IOException {
        Map<String, ByteArrayOutputStream> merged = new TreeMap<>();
        for (Path dep : project.runtime) {
            for (Path jar : project.classJars(dep)) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
                    for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                        if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
                            ByteArrayOutputStream buffer = merged.computeIfAbsent(e.getName(), k -> new ByteArrayOutputStream());
                            in.transferTo(buffer);
                            buffer.write('\n');
                        }
                    }
                }
            }
        }
        Map<String, byte[]> out = new TreeMap<>();
        merged.forEach((k, v) -> out.put(k, v.toByteArray()));
        return out;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data, boolean stored) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static void sign(Path unsigned, Path apk, ApkKey key) throws Exception {
        ApkSigner.SignerConfig signer = new ApkSigner.SignerConfig.Builder("CERT", key.privateKey(),
                List.of(key.certificate())).build();
        Files.deleteIfExists(apk);
        new ApkSigner.Builder(List.of(signer))
                .setInputApk(unsigned.toFile())
                .setOutputApk(apk.toFile())
                .setMinSdkVersion(MIN_API)
                .setV1SigningEnabled(false)
                .setV2SigningEnabled(true)
                .setV3SigningEnabled(true)
                .setDebuggableApkPermitted(true)
                .setLibraryPageAlignmentBytes(16 * 1024)
                .build()
                .sign();
        ApkVerifier.Result result = new ApkVerifier.Builder(apk.toFile()).build().verify();
        if (!result.isVerified() || !result.isVerifiedUsingV2Scheme() || !result.isVerifiedUsingV3Scheme()) {
            throw new IllegalStateException("signed APK does not verify with v2 and v3: " + result.getErrors());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
