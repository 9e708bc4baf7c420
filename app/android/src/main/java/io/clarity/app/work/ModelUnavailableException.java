package io.clarity.app.work;

import java.io.IOException;

/**
 * The job names a model this build of the app does not carry: a job queued before an update that replaced its model
 * (the catalog ships only each scale's best). Not the photo's fault, so it must not read as "photo unreadable".
 */
public final class ModelUnavailableException extends IOException {
    public ModelUnavailableException(String modelId) {
        super("no bundled model " + modelId);
    }
}
