package io.clarity.app.ui.options;

import android.app.Application;
import android.content.ContentResolver;
import android.database.Cursor;
import android.net.Uri;
import android.os.Handler;
import android.os.Looper;
import android.provider.OpenableColumns;
import android.util.Log;

import androidx.annotation.NonNull;
import androidx.lifecycle.AndroidViewModel;
import androidx.lifecycle.LiveData;
import androidx.lifecycle.MutableLiveData;
import androidx.lifecycle.SavedStateHandle;

import io.clarity.app.ClarityApplication;
import io.clarity.app.data.AppSettings;
import io.clarity.app.data.EnhanceEstimates;
import io.clarity.app.data.EnhanceJobs;
import io.clarity.app.data.ModelCatalog;
import io.clarity.app.data.ModelInfo;
import io.clarity.app.data.SettingsStore;
import io.clarity.app.platform.PhotoBounds;
import io.clarity.app.platform.RegionDecodableFormats;
import io.clarity.app.work.EnhanceRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * State holder of the options screen: model, scale, detail strength, format, name; size and time up front; start.
 * One per batch of photos (a new batch starts from the defaults); picks and choices live in the
 * {@link SavedStateHandle}, so they survive process death.
 */
public final class OptionsViewModel extends AndroidViewModel {
    /** Halfway between the two weight sets: clearly crisper than the fidelity network, rarely overdone. */
    public static final float DEFAULT_DETAIL_STRENGTH = 0.5f;
    /**
     * Strengths are multiples of 1/20 (0.05 apart): finer differences are hard to see, and each strength compiles
     * its own GPU kernels.
     */
    public static final int DETAIL_STRENGTH_STEPS = 20;

    private static final String TAG = "OptionsViewModel";

    private List<ModelInfo> models = new ArrayList<>();
    private boolean modelsLoaded;
    private static final String KEY_PHOTOS = "photos";
    private static final String KEY_KIND = "kind";
    private static final String KEY_SCALE = "scale";
    private static final String KEY_STRENGTH = "detailStrength";
    private static final String KEY_FORMAT = "format";
    private static final String KEY_QUALITY = "quality";
    private static final String KEY_NAME = "fileName";

    private final SavedStateHandle saved;
    private final AppSettings settings;
    private final EnhanceJobs jobs;
    private final EnhanceEstimates estimates;
    private final Executor io;
    private final ContentResolver resolver;
    private final MutableLiveData<OptionsUiState> uiState = new MutableLiveData<>(OptionsUiState.empty());

    private List<Uri> photos = new ArrayList<>();
    private PhotoBounds bounds;
    private RegionDecodableFormats.Format unsupportedFormat;
    private boolean loading = true;
    private ModelInfo.Kind kind;
    private int scale;
    private float detailStrength;
    private EnhanceRequest.Format format;
    private int jpegQuality;
    private String fileName;

    public OptionsViewModel(@NonNull Application application, @NonNull SavedStateHandle saved) {
        this(application, saved, () -> ModelCatalog.list(application.getAssets()),
                ((ClarityApplication) application).jobs(), new EnhanceEstimates(application),
                Executors.newSingleThreadExecutor(), new SettingsStore(application).read());
    }

    /** @param catalog the bundled models, read on {@code io} (it reads the catalog from the APK's assets) */
    OptionsViewModel(Application application, SavedStateHandle saved, Callable<List<ModelInfo>> catalog,
                     EnhanceJobs jobs, EnhanceEstimates estimates, Executor io) {
        this(application, saved, catalog, jobs, estimates, io, AppSettings.DEFAULTS);
    }

    /**
     * @param catalog  the bundled models, read on {@code io} (it reads the catalog from the APK's assets)
     * @param settings the defaults a new batch starts from, and what its saved pictures carry (Settings)
     */
    OptionsViewModel(Application application, SavedStateHandle saved, Callable<List<ModelInfo>> catalog,
                     EnhanceJobs jobs, EnhanceEstimates estimates, Executor io, AppSettings settings) {
        super(application);
        this.settings = settings;
        this.saved = saved;
        this.jobs = jobs;
        this.estimates = estimates;
        this.io = io;
        this.resolver = application.getContentResolver();
        Float strength = saved.get(KEY_STRENGTH);
        detailStrength = strength != null ? strength : DEFAULT_DETAIL_STRENGTH;
        String savedFormat = saved.get(KEY_FORMAT);
        format = savedFormat != null ? EnhanceRequest.Format.valueOf(savedFormat) : settings.format();
        Integer quality = saved.get(KEY_QUALITY);
        jpegQuality = quality != null ? quality : settings.jpegQuality();
        String name = saved.get(KEY_NAME);
        fileName = name != null ? name : "";
        io.execute(() -> {
            List<ModelInfo> read;
            try {
                read = catalog.call();
            } catch (Exception e) {
                Log.e(TAG, "no model catalog", e);
                read = new ArrayList<>();
            }
            List<ModelInfo> list = read;
            new Handler(Looper.getMainLooper()).post(() -> applyModels(list));
        });
        ArrayList<Uri> savedPhotos = saved.get(KEY_PHOTOS);
        if (savedPhotos != null && !savedPhotos.isEmpty()) {
            photos = savedPhotos;
            readFirstPhoto(); // process death: the choices came back, the photo's size is read again
        }
    }

    /** The catalog is read: the choices saved before process death come back if the models still have them. */
    private void applyModels(List<ModelInfo> list) {
        models = list;
        modelsLoaded = true;
        List<ModelInfo.Kind> kinds = kinds();
        kind = kinds.contains(settings.kind()) ? settings.kind() : kinds.isEmpty() ? null : kinds.get(0);
        String savedKind = saved.get(KEY_KIND);
        for (ModelInfo.Kind k : kinds) {
            if (k.name().equals(savedKind)) {
                kind = k;
            }
        }
        List<Integer> scales = scalesOf(kind);
        Integer savedScale = saved.get(KEY_SCALE);
        int defaultScale = scales.contains(settings.scale()) ? settings.scale() : scales.isEmpty() ? 0 : scales.get(0);
        scale = savedScale != null && scales.contains(savedScale) ? savedScale : defaultScale;
        publish();
    }

    public LiveData<OptionsUiState> getUiState() {
        return uiState;
    }

    /** The photos to enhance; the first one's size is read off the main thread. */
    public void setPhotos(List<Uri> photos) {
        if (photos.equals(this.photos)) {
            return;
        }
        this.photos = new ArrayList<>(photos);
        saved.set(KEY_PHOTOS, new ArrayList<>(photos));
        readFirstPhoto();
    }

    private void readFirstPhoto() {
        loading = true;
        publish();
        Uri first = photos.isEmpty() ? null : photos.get(0);
        List<Uri> batch = new ArrayList<>(photos);
        io.execute(() -> {
            PhotoBounds read = first == null ? null : PhotoBounds.read(resolver, first);
            String name = first == null ? "" : defaultName(first);
            RegionDecodableFormats.Format refused = firstUndecodable(batch);
            new Handler(Looper.getMainLooper()).post(() -> {
                if (this.photos.isEmpty() || !this.photos.get(0).equals(first)) {
                    return;
                }
                bounds = read;
                unsupportedFormat = refused;
                loading = false;
                if (fileName.isEmpty()) {
                    fileName = name;
                }
                publish();
            });
        });
    }

    /**
     * The format of the first photo in the batch that a job could not decode on this phone (read from each file's
     * first bytes), or null when every one can be; an unreadable file is left to the size check.
     */
    private RegionDecodableFormats.Format firstUndecodable(List<Uri> batch) {
        for (Uri uri : batch) {
            try {
                RegionDecodableFormats.Format format = RegionDecodableFormats.read(resolver, uri);
                if (!RegionDecodableFormats.canDecode(format)) {
                    return format;
                }
            } catch (IOException | RuntimeException e) {
                Log.w(TAG, "cannot read " + uri, e);
            }
        }
        return null;
    }

    public void onKindSelected(ModelInfo.Kind kind) {
        this.kind = kind;
        List<Integer> scales = scalesOf(kind);
        if (!scales.contains(scale)) {
            scale = scales.isEmpty() ? 0 : scales.get(0);
        }
        publish();
    }

    public void onScaleSelected(int scale) {
        this.scale = scale;
        publish();
    }

    /** Clamped to [0, 1] and snapped to the nearest multiple of 1/{@link #DETAIL_STRENGTH_STEPS}. */
    public void onDetailStrengthChanged(float strength) {
        float clamped = Math.max(0f, Math.min(1f, strength));
        detailStrength = Math.round(clamped * DETAIL_STRENGTH_STEPS) / (float) DETAIL_STRENGTH_STEPS;
        publish();
    }

    public void onFormatSelected(EnhanceRequest.Format format) {
        this.format = format;
        publish();
    }

    public void onQualityChanged(int quality) {
        jpegQuality = Math.max(1, Math.min(100, quality));
        publish();
    }

    public void onFileNameChanged(String name) {
        fileName = name;
        publish();
    }

    /** Enqueues one job per photo; nothing when the state refuses. */
    public List<UUID> start() {
        List<UUID> ids = new ArrayList<>();
        OptionsUiState state = uiState.getValue();
        ModelInfo model = selectedModel();
        if (state == null || !state.getCanStart() || model == null) {
            return ids;
        }
        // A model that does not blend runs as shipped: its requests say so rather than carry a strength it ignores.
        float strength = model.blendable() ? detailStrength : EnhanceRequest.NO_DETAIL_STRENGTH;
        for (int i = 0; i < photos.size(); i++) {
            String name = photos.size() == 1 ? fileName.trim() : fileName.trim() + "-" + (i + 1);
            ids.add(jobs.enqueue(new EnhanceRequest(photos.get(i), model.id(), format, jpegQuality, name, strength)
                    .withMetadata(settings.locationInSaved(), settings.keepGainMap())));
        }
        return ids;
    }

    private ModelInfo selectedModel() {
        for (ModelInfo m : models) {
            if (m.kind() == kind && m.scale() == scale) {
                return m;
            }
        }
        return null;
    }

    private List<ModelInfo.Kind> kinds() {
        return ModelInfo.kindsOf(models);
    }

    private List<Integer> scalesOf(ModelInfo.Kind kind) {
        return ModelInfo.scalesOf(models, kind);
    }

    private void publish() {
        if (modelsLoaded) { // until then the saved choices wait for the catalog
            saved.set(KEY_KIND, kind == null ? null : kind.name());
            saved.set(KEY_SCALE, scale);
        }
        saved.set(KEY_STRENGTH, detailStrength);
        saved.set(KEY_FORMAT, format.name());
        saved.set(KEY_QUALITY, jpegQuality);
        saved.set(KEY_NAME, fileName);
        ModelInfo model = selectedModel();
        int w = bounds == null ? 0 : bounds.width;
        int h = bounds == null ? 0 : bounds.height;
        long outW = (long) w * scale;
        long outH = (long) h * scale;
        OptionsUiState.Refusal refusal;
        if (model == null) {
            refusal = modelsLoaded ? OptionsUiState.Refusal.NO_MODEL : OptionsUiState.Refusal.NONE;
        } else if (!loading && bounds == null) {
            refusal = OptionsUiState.Refusal.UNREADABLE;
        } else if (!loading && unsupportedFormat != null) {
            refusal = OptionsUiState.Refusal.UNSUPPORTED_FORMAT;
        } else if (format == EnhanceRequest.Format.JPEG
                && (outW > OptionsUiState.JPEG_MAX_SIDE || outH > OptionsUiState.JPEG_MAX_SIDE)) {
            refusal = OptionsUiState.Refusal.JPEG_TOO_LARGE;
        } else if (outW * outH > OptionsUiState.MAX_OUTPUT_MEGAPIXELS * 1_000_000L) {
            refusal = OptionsUiState.Refusal.TOO_LARGE;
        } else if (fileName.trim().isEmpty() || fileName.indexOf('/') >= 0) {
            refusal = loading ? OptionsUiState.Refusal.NONE : OptionsUiState.Refusal.FILE_NAME;
        } else {
            refusal = OptionsUiState.Refusal.NONE;
        }
        long estimate = model == null || bounds == null ? -1
                : estimates.estimateMillis(model.id(), (long) w * h);
        if (estimate > 0) {
            // Later photos are of unknown size until their job reads them: assume the first one's.
            estimate *= photos.size();
        }
        OptionsUiState state = new OptionsUiState(photos, loading || !modelsLoaded, w, h, kinds(), kind,
                scalesOf(kind), scale, model != null && model.blendable(), detailStrength, format, jpegQuality, fileName,
                estimate, refusal);
        uiState.setValue(refusal == OptionsUiState.Refusal.UNSUPPORTED_FORMAT
                ? state.withUnsupportedFormat(unsupportedFormat) : state);
    }

    private String defaultName(Uri uri) {
        String name = null;
        try (Cursor c = resolver.query(uri, new String[] {OpenableColumns.DISPLAY_NAME}, null, null, null)) {
            if (c != null && c.moveToFirst()) {
                name = c.getString(0);
            }
        } catch (RuntimeException ignored) {
            // No display name: fall back to a generic one below.
        }
        if (name == null || name.isEmpty()) {
            name = uri.getLastPathSegment() == null ? "photo" : uri.getLastPathSegment();
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.replace('/', '_') + "-clarity";
    }
}
