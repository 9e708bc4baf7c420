package io.clarity.app.ui.settings;

import android.app.Application;
import android.os.Build;
import android.os.Handler;
import android.os.Looper;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;

import io.clarity.app.data.AppSettings;
import io.clarity.app.data.ModelCatalog;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.tflite.BackendChoice;
import io.clarity.app.tflite.Processor;
import io.clarity.app.work.EnhanceRequest;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * State holder of the settings screen. Every change is written to {@link SettingsStore} at once (there is no Save
 * button to forget), so it holds after the process is killed.
 */
public final class SettingsViewModel extends AndroidViewModel {
    private final SettingsStore store;
    private final MutableLiveData<SettingsUiState> uiState = new MutableLiveData<>();
    private List<ModelInfo> models = Collections.emptyList();
    private AppSettings settings;

    public SettingsViewModel(@NonNull Application application) {
        this(application, new SettingsStore(application), Executors.newSingleThreadExecutor());
    }

    /** The model list (the catalog, read from assets) is read on {@code io}. */
    SettingsViewModel(Application application, SettingsStore store, Executor io) {
        super(application);
        this.store = store;
        this.settings = store.read();
        publish();
        io.execute(() -> {
            List<ModelInfo> read = ModelCatalog.list(application.getAssets());
            new Handler(Looper.getMainLooper()).post(() -> {
                models = read;
                publish();
            });
        });
    }

    public LiveData<SettingsUiState> getUiState() {
        return uiState;
    }

    public void onKindSelected(ModelInfo.Kind kind) {
        AppSettings next = settings.withKind(kind);
        List<Integer> scales = ModelInfo.scalesOf(models, kind);
        if (!scales.isEmpty() && !scales.contains(next.scale())) {
            next = next.withScale(scales.get(0));
        }
        save(next);
    }

    public void onScaleSelected(int scale) {
        save(settings.withScale(scale));
    }

    public void onFormatSelected(EnhanceRequest.Format format) {
        save(settings.withFormat(format));
    }

    public void onQualityChanged(int quality) {
        save(settings.withJpegQuality(Math.max(1, Math.min(100, quality))));
    }

    public void onLocationInSavedChanged(boolean keep) {
        save(settings.withLocationInSaved(keep));
    }

    public void onLocationInSharedChanged(boolean keep) {
        save(settings.withLocationInShared(keep));
    }

    public void onGainMapChanged(boolean keep) {
        save(settings.withGainMap(keep));
    }

    public void onProcessorSelected(Processor processor) {
        save(settings.withProcessor(processor));
    }

    private void save(AppSettings next) {
        settings = next;
        store.write(next);
        publish();
    }

    private void publish() {
        uiState.setValue(new SettingsUiState(settings, ModelInfo.kindsOf(models), ModelInfo.scalesOf(models, settings.kind()),
                BackendChoice.processors(Build.VERSION.SDK_INT)));
    }
}
