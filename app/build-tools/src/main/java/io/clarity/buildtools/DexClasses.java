package io.clarity.buildtools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The classes a set of .dex files defines, and the method names each has, read from the dex tables (header,
 * string_ids, type_ids, method_ids, class_defs; see source.android.com/docs/core/runtime/dex-format).
 */
final class DexClasses {
    /** Binary class name (a.b.C$D) to the names of the methods the dex files list on it. */
    private final Map<String, Set<String>> methods = new HashMap<>();

    void add(Path dex) throws IOException {
        add(Files.readAllBytes(dex));
    }

    void add(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 0x70 || !new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("dex\n")) {
            throw new IllegalArgumentException("not a dex file");
        }
        int stringIds = b.getInt(0x3c);
        int typeIds = b.getInt(0x44);
        int methodCount = b.getInt(0x58);
        int methodIds = b.getInt(0x5c);
        int classCount = b.getInt(0x60);
        int classDefs = b.getInt(0x64);
        Set<Integer> defined = new HashSet<>();
        for (int i = 0; i < classCount; i++) {
            int type = b.getInt(classDefs + 32 * i);
            defined.add(type);
            methods.computeIfAbsent(className(b, stringIds, typeIds, type), k -> new HashSet<>());
        }
        for (int i = 0; i < methodCount; i++) {
            int at = methodIds + 8 * i;
            int type = b.getShort(at) & 0xffff;
            if (defined.contains(type)) {
                methods.get(className(b, stringIds, typeIds, type)).add(string(b, stringIds, b.getInt(at + 4)));
            }
        }
    }

    boolean defines(String className) {
        return methods.containsKey(className);
    }

    boolean hasMethod(String className, String method) {
        return methods.getOrDefault(className, Set.of()).contains(method);
    }

    int classCount() {
        return methods.size();
    }

    private static String className(ByteBuffer b, int stringIds, int typeIds, int type) {
        String descriptor = string(b, stringIds, b.getInt(typeIds + 4 * type));
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }

    /** A string_data_item: ULEB128 UTF-16 length, then MUTF-8 bytes up to a NUL (class and method names are ASCII). */
    private static String string(ByteBuffer b, int stringIds, int index) {
        int at = b.getInt(stringIds + 4 * index);
        while ((b.get(at) & 0x80) != 0) {
            at++;
        }
        at++;
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] utf = new byte[end - at];
        b.get(at, utf);
        return new String(utf, StandardCharsets.UTF_8);
    }
}
