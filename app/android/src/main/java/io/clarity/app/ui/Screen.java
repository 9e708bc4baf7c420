package io.clarity.app.ui;

import android.net.Uri;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Where the person is: home, the options for chosen photos, or one job's result. Immutable. */
public final class Screen {
    public enum Kind { HOME, OPTIONS, RESULT }

    private final Kind kind;
    private final List<Uri> photos;
    private final UUID workId;
    private final Uri output;

    private Screen(Kind kind, List<Uri> photos, UUID workId, Uri output) {
        this.kind = kind;
        this.photos = Collections.unmodifiableList(photos);
        this.workId = workId;
        this.output = output;
    }

    public static Screen home() {
        return new Screen(Kind.HOME, Collections.emptyList(), null, null);
    }

    public static Screen options(List<Uri> photos) {
        return new Screen(Kind.OPTIONS, photos, null, null);
    }

    /** A running or finished job, followed through WorkManager. */
    public static Screen job(UUID workId) {
        return new Screen(Kind.RESULT, Collections.emptyList(), workId, null);
    }

    /** A finished picture from the recent results, with no job (and no "before") behind it any more. */
    public static Screen picture(Uri output) {
        return new Screen(Kind.RESULT, Collections.emptyList(), null, output);
    }

    public Kind getKind() {
        return kind;
    }

    public List<Uri> getPhotos() {
        return photos;
    }

    public UUID getWorkId() {
        return workId;
    }

    public Uri getOutput() {
        return output;
    }
}
