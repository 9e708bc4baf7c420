package io.clarity.app.ui.settings;

import android.app.Application;
import android.os.Build;
import android.os.Handler;
import android.os.Looper;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;

import io.clarity.app.data.ModelCatalog;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.tflite.Backend;
import io.clarity.app.tflite.BackendChoice;
import io.clarity.app.tflite.BenchmarkResult;
import io.clarity.app.tflite.PhoneBenchmark;
import io.clarity.app.tflite.Processor;
import io.clarity.app.tflite.TfliteRuntime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/** State holder of "Test this phone": runs {@link PhoneBenchmark} off the main thread and stores what it measured. */
public final class BenchmarkViewModel extends AndroidViewModel {
    private final SettingsStore store;
    private final PhoneBenchmark.Backends backends;
    private final boolean gpuSupported;
    private final Executor worker;
    private final LongSupplier nanoTime;
    private final Handler main = new Handler(Looper.getMainLooper());
    private final MutableLiveData<BenchmarkUiState> uiState = new MutableLiveData<>();
    private List<ModelInfo> models = Collections.emptyList();
    private BenchmarkResult result;
    private boolean running;
    private int done;
    private int total;

    public BenchmarkViewModel(@NonNull Application application) {
        this(application, new SettingsStore(application), new TfliteRuntime(application),
                Executors.newSingleThreadExecutor());
    }

    private BenchmarkViewModel(Application application, SettingsStore store, TfliteRuntime runtime, Executor worker) {
        this(application, store, runtime::open, runtime.hasGpu(), worker, System::nanoTime);
    }

    /**
     * @param worker   runs the models: one thread, so every backend is created and closed on the thread that runs it
     * @param nanoTime times them ({@link PhoneBenchmark#run})
     */
    BenchmarkViewModel(Application application, SettingsStore store, PhoneBenchmark.Backends backends,
                       boolean gpuSupported, Executor worker, LongSupplier nanoTime) {
        super(application);
        this.store = store;
        this.backends = backends;
        this.gpuSupported = gpuSupported;
        this.worker = worker;
        this.nanoTime = nanoTime;
        this.result = store.benchmark();
        publish();
        worker.execute(() -> {
            List<ModelInfo> read = ModelCatalog.list(application.getAssets());
            main.post(() -> {
                models = read;
                publish();
            });
        });
    }

    public LiveData<BenchmarkUiState> getUiState() {
        return uiState;
    }

    public void onStart() {
        if (running || models.isEmpty()) {
            return;
        }
        running = true;
        List<String> ids = new ArrayList<>();
        for (ModelInfo m : models) {
            ids.add(m.id());
        }
        List<Backend> candidates = BackendChoice.candidates(Build.VERSION.SDK_INT, gpuSupported);
        done = 0;
        total = ids.size() * candidates.size();
        publish();
        worker.execute(() -> {
            BenchmarkResult measured = PhoneBenchmark.run(ids, candidates, backends,
                    (d, t, last) -> main.post(() -> {
                        done = d;
                        publish();
                    }), System.currentTimeMillis(), nanoTime);
            store.writeBenchmark(measured);
            main.post(() -> {
                result = measured;
                running = false;
                publish();
            });
        });
    }

    private void publish() {
        List<BenchmarkUiState.Model> named = new ArrayList<>();
        Map<String, Backend> automatic = new HashMap<>();
        for (ModelInfo m : models) {
            named.add(new BenchmarkUiState.Model(m.id(), m.kind(), m.scale()));
            List<BenchmarkResult.Measurement> measured = result.of(m.id());
            if (!measured.isEmpty()) {
                // for the shipped network (a blend above Natural has no int8 file and runs on the float backends)
                automatic.put(m.id(), BackendChoice.choose(Processor.AUTOMATIC, Build.VERSION.SDK_INT, gpuSupported,
                        measured, true).backend);
            }
        }
        uiState.setValue(new BenchmarkUiState(running, done, total, named, result, automatic));
    }
}
