package io.clarity.engine.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a writer's bytes go, with a commit/discard step so an aborted or failed write leaves nothing behind.
 * The desktop writes a temporary file and renames it; Android writes a pending MediaStore entry and deletes it.
 */
public interface OutputTarget {
    /** Opens the stream the writer fills; called once. The writer closes it before commit or discard. */
    OutputStream open() throws IOException;

    /**
     * Rewrites bytes already written, after the stream is closed and before commit: a JPEG writer fills in
     * its MPF index once it knows how long the primary image came out (Ultra HDR).
     */
    void overwrite(long position, byte[] bytes) throws IOException;

    /** Makes the written bytes the visible output. */
    void commit() throws IOException;

    /** Removes whatever was written; never throws, safe to call more than once. */
    void discard();
}
