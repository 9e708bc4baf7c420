package io.clarity.app.work;

import android.content.Context;

import io.clarity.app.R;
import io.clarity.engine.metadata.MalformedImageException;

import java.io.FileNotFoundException;
import java.io.IOException;

/** Why a job failed, in words a person understands; the exception's own text is logged, never shown. */
final class FailureReason {
    private FailureReason() {
    }

    static String of(Context context, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ModelUnavailableException) {
                return context.getString(R.string.reason_model_missing);
            }
            if (t instanceof SecurityException || t instanceof FileNotFoundException) {
                return context.getString(R.string.reason_unreadable);
            }
            if (message.contains("ENOSPC") || message.contains("No space left")) {
                return context.getString(R.string.reason_storage_full);
            }
            if (t instanceof OutOfMemoryError) {
                return context.getString(R.string.reason_out_of_memory);
            }
            if (t instanceof MalformedImageException || message.startsWith("cannot decode")) {
                return context.getString(R.string.reason_undecodable);
            }
            if (t instanceof IOException && t.getCause() == null) {
                return context.getString(R.string.reason_io);
            }
        }
        // The exception's text (a path, an errno, a class name) helps a log reader, never the person: it is logged.
        return context.getString(R.string.reason_other);
    }
}
