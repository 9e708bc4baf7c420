package io.clarity.app.ui;

import android.net.Uri;

import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;
import androidx.lifecycle.ViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The flow between screens: home → options → result, back to home; share intents jump to options. */
public final class FlowViewModel extends ViewModel {
    private final MutableLiveData<Screen> screen = new MutableLiveData<>(Screen.home());

    public LiveData<Screen> getScreen() {
        return screen;
    }

    /** Photos picked, captured or shared in; an empty list (backed out) changes nothing. */
    public void onPhotosChosen(List<Uri> photos) {
        if (!photos.isEmpty()) {
            screen.setValue(Screen.options(new ArrayList<>(photos)));
        }
    }

    /** Jobs were enqueued: follow the first one. */
    public void onJobsStarted(List<UUID> jobs) {
        screen.setValue(jobs.isEmpty() ? Screen.home() : Screen.job(jobs.get(0)));
    }

    public void onOpenJob(UUID workId) {
        screen.setValue(Screen.job(workId));
    }

    public void onOpenPicture(Uri output) {
        screen.setValue(Screen.picture(output));
    }

    /** @return whether back was handled here (false on home: the system closes the app) */
    public boolean onBack() {
        if (screen.getValue() == null || screen.getValue().getKind() == Screen.Kind.HOME) {
            return false;
        }
        screen.setValue(Screen.home());
        return true;
    }
}
