package io.clarity.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        partial = Files.createTempFile(destination.getParent(), destination.getFileName().toString(), ".part");
        return new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
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
