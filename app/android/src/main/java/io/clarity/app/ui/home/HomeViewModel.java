package io.clarity.app.ui.home;

import android.net.Uri;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;
import androidx.lifecycle.ViewModel;

import java.util.ArrayList;
import java.util.List;

/** State holder of the home screen: UI events in, {@link HomeUiState} out. */
public final class HomeViewModel extends ViewModel {
    private final MutableLiveData<HomeUiState> uiState = new MutableLiveData<>(HomeUiState.initial());

    public LiveData<HomeUiState> getUiState() {
        return uiState;
    }

    /** The photo picker returned; an empty list means the person backed out, which changes nothing. */
    public void onPhotosPicked(List<Uri> photos) {
        if (!photos.isEmpty()) {
            uiState.setValue(new HomeUiState(new ArrayList<>(photos)));
        }
    }
}
