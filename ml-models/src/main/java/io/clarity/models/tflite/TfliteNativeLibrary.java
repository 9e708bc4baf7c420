package io.clarity.models.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the TFLite 2.6.2 JNI library for Linux x86-64 that ships inside DJL's {@code tflite-native-cpu} jar.
 * DJL's Java classes never load it themselves, so {@code org.tensorflow.lite.Interpreter} needs this first.
 */
public final class TfliteNativeLibrary {
    private static final String RESOURCE = "/native/lib/libtensorflowlite_jni.so";
    private static boolean loaded;

    private TfliteNativeLibrary() {
    }

    /** Copies the library out of the classpath to a temporary file and loads it, once per JVM. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException(
                    "the host TFLite runtime ships for Linux x86-64 only, this is " + os + " " + arch);
        }
        try (InputStream in = TfliteNativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath"
                        + " (ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64 missing)");
            }
            Path file = Files.createTempFile("tensorflowlite_jni", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the TFLite JNI library", e);
        }
        loaded = true;
    }
}
