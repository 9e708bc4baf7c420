package io.clarity.app.work;

import android.content.ContentResolver;
import android.net.Uri;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Copies of queued photos in app-private storage. A share-sheet grant ends with the receiving task and a
 * photo-picker grant with the process, so a job that waits in the queue, is retried or restarts after process
 * death reads its own copy, made at enqueue time while the grant still holds.
 */
final class DurableInputs {
    private final ContentResolver resolver;
    private final File dir;

    DurableInputs(ContentResolver resolver, File dir) {
        this.resolver = resolver;
        this.dir = dir;
    }

    /**
     * Copies {@code uri} for job {@code id}; on any failure nothing is left behind.
     *
     * @throws IOException or SecurityException when the photo cannot be read
     */
    File copy(UUID id, Uri uri) throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        File copy = new File(dir, id.toString());
        File part = new File(dir, id + ".part");
        try (InputStream in = resolver.openInputStream(uri)) {
            if (in == null) {
                throw new FileNotFoundException("no data behind " + uri);
            }
            try (OutputStream out = new FileOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
            if (!part.renameTo(copy)) {
                throw new IOException("cannot keep a copy of " + uri);
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            part.delete();
            copy.delete();
            throw e;
        }
    }

    void delete(File copy) {
        if (copy != null) {
            copy.delete();
        }
    }
}
