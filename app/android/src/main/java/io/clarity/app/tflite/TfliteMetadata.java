package io.clarity.app.tflite;

import io.clarity.engine.model.ModelDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads one named metadata entry of a .tflite flatbuffer without the TFLite schema classes (the Android AAR
 * ships none): Model table field 4 is {@code buffers}, field 6 {@code metadata}; a Metadata is
 * {@code (name, buffer index)}, a Buffer's field 0 its bytes.
 */
public final class TfliteMetadata {
    private static final int MODEL_BUFFERS = 4;
    private static final int MODEL_METADATA = 6;

    private final ByteBuffer bb;

    private TfliteMetadata(ByteBuffer model) {
        this.bb = model.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes of the entry called {@code name}, or null when the model has none. */
    public static byte[] read(ByteBuffer model, String name) {
        TfliteMetadata m = new TfliteMetadata(model);
        try {
            return m.find(name);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt TFLite flatbuffer", e);
        }
    }

    /** The Clarity spec of a model, with a clear error when the file is not a Clarity .tflite. */
    public static ModelDescription readSpec(ByteBuffer model) {
        byte[] text = read(model, ModelDescription.METADATA_NAME);
        if (text == null) {
            throw new IllegalArgumentException("no " + ModelDescription.METADATA_NAME
                    + " metadata: not a model written by Clarity's tools");
        }
        return ModelDescription.parse(new String(text, StandardCharsets.UTF_8));
    }

    private byte[] find(String name) {
        int base = bb.position();
        if (bb.remaining() < 8 || bb.get(base + 4) != 'T' || bb.get(base + 5) != 'F' || bb.get(base + 6) != 'L'
                || bb.get(base + 7) != '3') {
            throw new IllegalArgumentException("not a TFLite flatbuffer (no TFL3 identifier)");
        }
        int model = base + bb.getInt(base);
        int metadata = vector(model, MODEL_METADATA);
        int buffers = vector(model, MODEL_BUFFERS);
        if (metadata < 0 || buffers < 0) {
            return null;
        }
        int count = bb.getInt(metadata);
        for (int i = 0; i < count; i++) {
            int entry = indirect(metadata + 4 + 4 * i);
            int nameField = field(entry, 0);
            if (nameField < 0 || !name.equals(string(indirect(nameField)))) {
                continue;
            }
            int bufferField = field(entry, 1);
            int index = bufferField < 0 ? 0 : bb.getInt(bufferField);
            if (index < 0 || index >= bb.getInt(buffers)) {
                throw new IllegalArgumentException("metadata '" + name + "' points at buffer " + index
                        + " of " + bb.getInt(buffers));
            }
            int buffer = indirect(buffers + 4 + 4 * index);
            int data = vector(buffer, 0);
            if (data < 0) {
                return new byte[0];
            }
            byte[] bytes = new byte[bb.getInt(data)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = bb.get(data + 4 + j);
            }
            return bytes;
        }
        return null;
    }

    /** Absolute position of field {@code index} of the table at {@code table}, or -1 when absent. */
    private int field(int table, int index) {
        int vtable = table - bb.getInt(table);
        int vtableSize = bb.getShort(vtable) & 0xFFFF;
        int slot = 4 + 2 * index;
        if (slot >= vtableSize) {
            return -1;
        }
        int offset = bb.getShort(vtable + slot) & 0xFFFF;
        return offset == 0 ? -1 : table + offset;
    }

    /** Position of the length word of the vector in field {@code index}, or -1 when absent. */
    private int vector(int table, int index) {
        int f = field(table, index);
        return f < 0 ? -1 : indirect(f);
    }

    private int indirect(int position) {
        return position + bb.getInt(position);
    }

    private String string(int position) {
        byte[] bytes = new byte[bb.getInt(position)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bb.get(position + 4 + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
