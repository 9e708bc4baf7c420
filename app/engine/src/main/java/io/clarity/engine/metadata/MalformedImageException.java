package io.clarity.engine.metadata;

import java.io.IOException;

/** Thrown when image or metadata bytes do not follow their format; the message says what is wrong and where. */
public final class MalformedImageException extends IOException {
    public MalformedImageException(String message) {
        super(message);
    }
}
