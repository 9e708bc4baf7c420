package io.clarity.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a temporary file beside the destination and renames it over the destination on commit. */
public final class FileOutputTarget implements OutputTarget {
    private final Path destination;
    private Path partial;

    public FileOutputTarget(Path destination) {
        this.destination = destination.toAbsolutePath();
    }

    @Override
    public OutputStream open() throws IOException {
        if (partial != null) {
            throw new IllegalStateException("already opened");
        }
        // Not createTempFile: its 0600 mode would survive the rename. CREATE_NEW refuses to clobber a parallel run.
        partial = destination.resolveSibling(destination.getFileName() + ".part");
        return new BufferedOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
    }

    @Override
    public void overwrite(long position, byte[] bytes) throws IOException {
        if (partial == null) {
            throw new IllegalStateException("nothing written");
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }
    }

    @Override
    public void commit() throws IOException {
        if (partial == null) {
            throw new IllegalStateException("nothing written");
        }
        try {
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
        }
        partial = null;
    }

    @Override
    public void discard() {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Best effort: a leftover .part file is harmless and visibly not the output.
            }
            partial = null;
        }
    }
}
