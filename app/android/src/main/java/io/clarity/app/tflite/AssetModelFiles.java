package io.clarity.app.tflite;

import android.content.res.AssetFileDescriptor;
import android.content.res.AssetManager;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@code assets/models/} of the APK, where the build puts ml-models/models' .tflite and real-photo .clw files. */
public final class AssetModelFiles implements ModelFiles {
    public static final String DIR = "models";

    private final AssetManager assets;
    private List<String> names;

    public AssetModelFiles(AssetManager assets) {
        this.assets = assets;
    }

    /** Read once: assets do not change while the app runs. */
    @Override
    public synchronized List<String> names() throws IOException {
        if (names == null) {
            String[] listed = assets.list(DIR);
            names = listed == null ? Collections.emptyList() : Collections.unmodifiableList(Arrays.asList(listed));
        }
        return names;
    }

    @Override
    public byte[] read(String name) throws IOException {
        try (InputStream in = assets.open(DIR + "/" + name)) {
            return readAll(in);
        }
    }

    /** Maps the stored (uncompressed) asset; reads it into memory if the packager compressed it after all. */
    @Override
    public ByteBuffer map(String name) throws IOException {
        String path = DIR + "/" + name;
        try (AssetFileDescriptor fd = assets.openFd(path);
             FileInputStream in = fd.createInputStream();
             FileChannel channel = in.getChannel()) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, fd.getStartOffset(), fd.getDeclaredLength());
            return mapped.order(ByteOrder.nativeOrder());
        } catch (FileNotFoundException compressed) {
            return ModelBytes.direct(read(name));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
