package io.clarity.app.ui.home;

import android.net.Uri;

import java.util.Collections;
import java.util.List;

/** Everything the home screen shows, immutable. */
public final class HomeUiState {
    private final List<Uri> selectedPhotos;

    public HomeUiState(List<Uri> selectedPhotos) {
        this.selectedPhotos = Collections.unmodifiableList(selectedPhotos);
    }

    public static HomeUiState initial() {
        return new HomeUiState(Collections.emptyList());
    }

    public List<Uri> getSelectedPhotos() {
        return selectedPhotos;
    }
}
