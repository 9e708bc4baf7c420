package io.clarity.app.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** The folder of bundled models: the APK's {@code assets/models/} on the phone ({@link AssetModelFiles}), memory in tests. */
public interface ModelFiles {
    /** Every file name in the folder. */
    List<String> names() throws IOException;

    /** All bytes of one file. */
    byte[] read(String name) throws IOException;

    /** One file as the TFLite interpreter takes it: memory-mapped or direct, in native byte order. */
    ByteBuffer map(String name) throws IOException;
}
