package io.clarity.app.platform;

import android.content.ClipData;
import android.content.Intent;
import android.net.Uri;

/** The intents that hand a result to other apps: share it, or save a copy where the person chooses. */
public final class ResultIntents {
    private ResultIntents() {
    }

    /** ACTION_SEND of the content URI with a read grant, wrapped in the system chooser. */
    public static Intent share(Uri picture, String mimeType, CharSequence chooserTitle) {
        Intent send = new Intent(Intent.ACTION_SEND)
                .setType(mimeType)
                .putExtra(Intent.EXTRA_STREAM, picture)
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION);
        // The grant travels with the ClipData; the chooser and the target both need it.
        send.setClipData(ClipData.newRawUri(null, picture));
        return Intent.createChooser(send, chooserTitle);
    }

    /** ACTION_CREATE_DOCUMENT: the system file picker asks where the copy goes. */
    public static Intent saveCopy(String displayName, String mimeType) {
        return new Intent(Intent.ACTION_CREATE_DOCUMENT)
                .addCategory(Intent.CATEGORY_OPENABLE)
                .setType(mimeType)
                .putExtra(Intent.EXTRA_TITLE, displayName);
    }
}
