package io.clarity.app.ui;

import android.net.Uri;
import android.os.Parcel;
import android.os.Parcelable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Where the person is: home, the options for a batch of chosen photos, or one job's result. Immutable; Parcelable
 * so the flow's SavedStateHandle keeps it across process death.
 */
public final class Screen implements Parcelable {
    public enum Kind { HOME, OPTIONS, RESULT, SETTINGS, BENCHMARK, ABOUT }

    private final Kind kind;
    private final List<Uri> photos;
    private final int batch;
    private final UUID workId;
    private final Uri output;

    private Screen(Kind kind, List<Uri> photos, int batch, UUID workId, Uri output) {
        this.kind = kind;
        this.photos = Collections.unmodifiableList(photos);
        this.batch = batch;
        this.workId = workId;
        this.output = output;
    }

    public static Screen home() {
        return new Screen(Kind.HOME, Collections.emptyList(), 0, null, null);
    }

    /** @param batch numbers each choice of photos, so each batch gets options of its own */
    public static Screen options(List<Uri> photos, int batch) {
        return new Screen(Kind.OPTIONS, photos, batch, null, null);
    }

    /** A running or finished job. */
    public static Screen job(UUID workId) {
        return new Screen(Kind.RESULT, Collections.emptyList(), 0, workId, null);
    }

    /** A finished picture from the recent results, with no job (and no "before") behind it any more. */
    public static Screen picture(Uri output) {
        return new Screen(Kind.RESULT, Collections.emptyList(), 0, null, output);
    }

    /** Settings, or one of the pages it opens (the benchmark, About). */
    public static Screen page(Kind kind) {
        return new Screen(kind, Collections.emptyList(), 0, null, null);
    }

    public Kind getKind() {
        return kind;
    }

    public List<Uri> getPhotos() {
        return photos;
    }

    /** The batch an options screen belongs to (its view model's key); 0 elsewhere. */
    public int getBatch() {
        return batch;
    }

    public UUID getWorkId() {
        return workId;
    }

    public Uri getOutput() {
        return output;
    }

    @Override
    public int describeContents() {
        return 0;
    }

    @Override
    public void writeToParcel(Parcel out, int flags) {
        out.writeString(kind.name());
        out.writeTypedList(photos);
        out.writeInt(batch);
        out.writeString(workId == null ? null : workId.toString());
        out.writeParcelable(output, flags);
    }

    public static final Creator<Screen> CREATOR = new Creator<Screen>() {
        @Override
        public Screen createFromParcel(Parcel in) {
            Kind kind = Kind.valueOf(in.readString());
            List<Uri> photos = new ArrayList<>();
            in.readTypedList(photos, Uri.CREATOR);
            int batch = in.readInt();
            String work = in.readString();
            @SuppressWarnings("deprecation")
            Uri output = in.readParcelable(Uri.class.getClassLoader());
            return new Screen(kind, photos, batch, work == null ? null : UUID.fromString(work), output);
        }

        @Override
        public Screen[] newArray(int size) {
            return new Screen[size];
        }
    };
}
