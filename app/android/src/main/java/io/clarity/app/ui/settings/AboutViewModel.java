package io.clarity.app.ui.settings;

import android.app.Application;
import android.content.pm.PackageManager;
import android.os.Handler;
import android.os.Looper;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;

import io.clarity.app.data.LicenceNotices;
import io.clarity.app.data.ModelCatalog;
import io.clarity.app.tflite.AssetModelFiles;
import io.clarity.app.tflite.ModelFiles;
import io.clarity.engine.model.ShippedModels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;

/** State holder of About: everything it shows is read from the APK (catalog, training records, notices) off the main thread. */
public final class AboutViewModel extends AndroidViewModel {
    private final MutableLiveData<AboutUiState> uiState = new MutableLiveData<>();

    public AboutViewModel(@NonNull Application application) {
        super(application);
        String version = version(application);
        uiState.setValue(AboutUiState.empty(version));
        Executors.newSingleThreadExecutor().execute(() -> {
            AboutUiState read = new AboutUiState(version, models(new AssetModelFiles(application.getAssets())),
                    LicenceNotices.read(application.getAssets()));
            new Handler(Looper.getMainLooper()).post(() -> uiState.setValue(read));
        });
    }

    public LiveData<AboutUiState> getUiState() {
        return uiState;
    }

    /** The catalog's choices (what the options screen offers), with what their training records say they learnt from. */
    public static List<AboutUiState.Model> models(ModelFiles files) {
        List<AboutUiState.Model> out = new ArrayList<>();
        try {
            for (ShippedModels.Entry e : ModelCatalog.chosen(ModelCatalog.read(files))) {
                out.add(new AboutUiState.Model(e, trainedOn(files, e.id())));
            }
        } catch (IOException e) {
            // no catalog: no models to describe (the options screen says the same)
        }
        return out;
    }

    private static String trainedOn(ModelFiles files, String id) {
        try {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(new ByteArrayInputStream(files.read(ModelCatalog.trainingFile(id))),
                    java.nio.charset.StandardCharsets.UTF_8));
            return p.getProperty("data", "");
        } catch (IOException e) {
            return "";
        }
    }

    public static String version(android.content.Context application) {
        try {
            return application.getPackageManager().getPackageInfo(application.getPackageName(), 0).versionName;
        } catch (PackageManager.NameNotFoundException e) {
            return "?";
        }
    }
}
