package io.clarity.app.tflite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the smallest TFLite-shaped flatbuffer that carries metadata entries: a Model table with only
 * {@code buffers} (field 4) and {@code metadata} (field 6). Laid out front to back, so every offset points
 * forward as flatbuffers require of unsigned offsets.
 */
final class FlatModelBytes {
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();

    FlatModelBytes entry(String name, String text) {
        names.add(name);
        payloads.add(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] build() {
        int n = names.size();
        ByteBuffer b = ByteBuffer.allocate(4096 + payloads.stream().mapToInt(p -> p.length + 8).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        // header: root offset, identifier
        b.putInt(0, 0);
        b.put(4, (byte) 'T').put(5, (byte) 'F').put(6, (byte) 'L').put(7, (byte) '3');
        // Model vtable at 8: size 18 (7 fields), table size 12; buffers (field 4) at +4, metadata (field 6) at +8
        int modelVtable = 8;
        b.putShort(modelVtable, (short) 18).putShort(modelVtable + 2, (short) 12);
        for (int f = 0; f < 7; f++) {
            b.putShort(modelVtable + 4 + 2 * f, (short) 0);
        }
        b.putShort(modelVtable + 4 + 2 * 4, (short) 4);
        b.putShort(modelVtable + 4 + 2 * 6, (short) 8);
        int model = 28;
        b.putInt(0, model);
        b.putInt(model, model - modelVtable);
        int buffersVector = model + 12;
        int metadataVector = buffersVector + 4 + 4 * (n + 1);
        b.putInt(model + 4, buffersVector - (model + 4));
        b.putInt(model + 8, metadataVector - (model + 8));
        int cursor = metadataVector + 4 + 4 * n;
        // buffers: index 0 is the empty sentinel TFLite always has, then one per payload
        b.putInt(buffersVector, n + 1);
        int[] bufferTables = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            int vtable = cursor;
            b.putShort(vtable, (short) 6).putShort(vtable + 2, (short) 8).putShort(vtable + 4, (short) (i == 0 ? 0 : 4));
            int table = vtable + 8;
            b.putInt(table, table - vtable);
            bufferTables[i] = table;
            cursor = table + 8;
            b.putInt(buffersVector + 4 + 4 * i, table - (buffersVector + 4 + 4 * i));
        }
        b.putInt(metadataVector, n);
        int[] metadataTables = new int[n];
        for (int i = 0; i < n; i++) {
            int vtable = cursor;
            b.putShort(vtable, (short) 8).putShort(vtable + 2, (short) 12)
                    .putShort(vtable + 4, (short) 4).putShort(vtable + 6, (short) 8);
            int table = vtable + 8;
            b.putInt(table, table - vtable);
            b.putInt(table + 8, i + 1);
            metadataTables[i] = table;
            cursor = table + 12;
            b.putInt(metadataVector + 4 + 4 * i, table - (metadataVector + 4 + 4 * i));
        }
        for (int i = 0; i < n; i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            b.putInt(metadataTables[i] + 4, cursor - (metadataTables[i] + 4));
            b.putInt(cursor, name.length);
            for (int j = 0; j < name.length; j++) {
                b.put(cursor + 4 + j, name[j]);
            }
            cursor = align(cursor + 4 + name.length + 1);
            byte[] data = payloads.get(i);
            b.putInt(bufferTables[i + 1] + 4, cursor - (bufferTables[i + 1] + 4));
            b.putInt(cursor, data.length);
            for (int j = 0; j < data.length; j++) {
                b.put(cursor + 4 + j, data[j]);
            }
            cursor = align(cursor + 4 + data.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array(), 0, cursor);
        return out.toByteArray();
    }

    private static int align(int position) {
        return (position + 3) & ~3;
    }
}
