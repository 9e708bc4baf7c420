package io.clarity.app.ui;

import android.net.Uri;

import androidx.annotation.NonNull;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.SavedStateHandle;
import androidx.lifecycle.ViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The flow between screens: home → options → result, back to home; share intents jump to options. The screen
 * lives in the {@link SavedStateHandle}, so process death returns the person where they were.
 */
public final class FlowViewModel extends ViewModel {
    private static final String KEY_SCREEN = "screen";
    private static final String KEY_BATCH = "batch";

    private final SavedStateHandle saved;
    private final LiveData<Screen> screen;

    public FlowViewModel(@NonNull SavedStateHandle saved) {
        this.saved = saved;
        this.screen = saved.getLiveData(KEY_SCREEN, Screen.home());
    }

    public LiveData<Screen> getScreen() {
        return screen;
    }

    /** Photos picked, captured or shared in: a new batch with fresh options; an empty list (backed out) changes nothing. */
    public void onPhotosChosen(List<Uri> photos) {
        if (!photos.isEmpty()) {
            Integer last = saved.get(KEY_BATCH);
            int batch = (last == null ? 0 : last) + 1;
            saved.set(KEY_BATCH, batch);
            saved.set(KEY_SCREEN, Screen.options(new ArrayList<>(photos), batch));
        }
    }

    /** Jobs were enqueued: follow the first one. */
    public void onJobsStarted(List<UUID> jobs) {
        saved.set(KEY_SCREEN, jobs.isEmpty() ? Screen.home() : Screen.job(jobs.get(0)));
    }

    public void onOpenJob(UUID workId) {
        saved.set(KEY_SCREEN, Screen.job(workId));
    }

    public void onOpenPicture(Uri output) {
        saved.set(KEY_SCREEN, Screen.picture(output));
    }

    public void onOpenSettings() {
        saved.set(KEY_SCREEN, Screen.page(Screen.Kind.SETTINGS));
    }

    public void onOpenBenchmark() {
        saved.set(KEY_SCREEN, Screen.page(Screen.Kind.BENCHMARK));
    }

    public void onOpenAbout() {
        saved.set(KEY_SCREEN, Screen.page(Screen.Kind.ABOUT));
    }

    /** @return whether back was handled here (false on home: the system closes the app) */
    public boolean onBack() {
        if (screen.getValue() == null || screen.getValue().getKind() == Screen.Kind.HOME) {
            return false;
        }
        Screen.Kind kind = screen.getValue().getKind();
        // The benchmark and About open from Settings: back returns there.
        saved.set(KEY_SCREEN, kind == Screen.Kind.BENCHMARK || kind == Screen.Kind.ABOUT
                ? Screen.page(Screen.Kind.SETTINGS) : Screen.home());
        return true;
    }
}
