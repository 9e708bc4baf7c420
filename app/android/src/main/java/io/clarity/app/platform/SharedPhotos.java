package io.clarity.app.platform;

import android.content.ClipData;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.os.Parcelable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The photos another app shared into Clarity (ACTION_SEND / ACTION_SEND_MULTIPLE of image/*). */
public final class SharedPhotos {
    private SharedPhotos() {
    }

    /** The image URIs of a share intent, in order, without duplicates; empty for any other intent. */
    public static List<Uri> from(Intent intent) {
        LinkedHashSet<Uri> uris = new LinkedHashSet<>();
        if (intent == null) {
            return new ArrayList<>();
        }
        String type = intent.getType();
        boolean images = type == null || type.startsWith("image/");
        if (Intent.ACTION_SEND.equals(intent.getAction()) && images) {
            Uri uri = streamOf(intent);
            if (uri != null) {
                uris.add(uri);
            }
        } else if (Intent.ACTION_SEND_MULTIPLE.equals(intent.getAction()) && images) {
            for (Parcelable p : streamsOf(intent)) {
                if (p instanceof Uri) {
                    uris.add((Uri) p);
                }
            }
        } else {
            return new ArrayList<>();
        }
        // Some apps put the URIs only in the ClipData (that is what carries the read grant).
        ClipData clip = intent.getClipData();
        if (uris.isEmpty() && clip != null) {
            for (int i = 0; i < clip.getItemCount(); i++) {
                if (clip.getItemAt(i).getUri() != null) {
                    uris.add(clip.getItemAt(i).getUri());
                }
            }
        }
        return new ArrayList<>(uris);
    }

    @SuppressWarnings("deprecation")
    private static Uri streamOf(Intent intent) {
        return Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU
                ? intent.getParcelableExtra(Intent.EXTRA_STREAM, Uri.class)
                : intent.getParcelableExtra(Intent.EXTRA_STREAM);
    }

    @SuppressWarnings("deprecation")
    private static List<? extends Parcelable> streamsOf(Intent intent) {
        List<? extends Parcelable> list = Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU
                ? intent.getParcelableArrayListExtra(Intent.EXTRA_STREAM, Uri.class)
                : intent.getParcelableArrayListExtra(Intent.EXTRA_STREAM);
        return list == null ? new ArrayList<Uri>() : list;
    }
}
