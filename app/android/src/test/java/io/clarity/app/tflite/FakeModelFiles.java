package io.clarity.app.tflite;

import java.io.FileNotFoundException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A models folder in memory; counts what was read. */
public final class FakeModelFiles implements ModelFiles {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    public final List<String> reads = new ArrayList<>();

    public FakeModelFiles put(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public byte[] read(String name) throws FileNotFoundException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new FileNotFoundException(name);
        }
        reads.add(name);
        return bytes.clone();
    }

    @Override
    public ByteBuffer map(String name) throws FileNotFoundException {
        return ModelBytes.direct(read(name));
    }
}
