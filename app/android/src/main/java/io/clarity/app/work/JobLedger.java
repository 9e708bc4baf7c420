package io.clarity.app.work;

import android.net.Uri;

import io.clarity.app.data.JobStatus;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The queue on disk, one small file per job in app-private storage: what survives process death and what Home
 * lists until the person dismisses a job. Each write replaces a whole file through a rename, so a kill mid-write
 * leaves the previous version. Thread-safe; listeners hear every change.
 */
final class JobLedger {
    interface Listener {
        void onChanged();
    }

    static final String SUFFIX = ".job";

    private final File dir;
    private final List<Listener> listeners = new ArrayList<>();

    JobLedger(File dir) {
        this.dir = dir;
    }

    synchronized void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Every job, in queue order; a file that cannot be read is skipped (and reported by name). */
    synchronized List<LedgerEntry> all() {
        List<LedgerEntry> entries = new ArrayList<>();
        File[] files = dir.listFiles((d, name) -> name.endsWith(SUFFIX));
        if (files != null) {
            for (File f : files) {
                try {
                    entries.add(read(f));
                } catch (IOException | RuntimeException e) {
                    android.util.Log.w("JobLedger", "unreadable job file " + f.getName(), e);
                }
            }
        }
        entries.sort(Comparator.comparingLong(e -> e.order));
        return entries;
    }

    synchronized LedgerEntry get(UUID id) {
        File f = fileOf(id);
        if (!f.isFile()) {
            return null;
        }
        try {
            return read(f);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The job that runs next: one left RUNNING by a process that died first, else the oldest queued one. */
    synchronized LedgerEntry next() {
        for (LedgerEntry e : all()) {
            if (e.state == JobStatus.State.RUNNING || e.state == JobStatus.State.QUEUED) {
                return e;
            }
        }
        return null;
    }

    /** One past the highest order in use, so a new or retried job goes to the end of the queue. */
    synchronized long nextOrder() {
        long max = 0;
        for (LedgerEntry e : all()) {
            max = Math.max(max, e.order);
        }
        return max + 1;
    }

    void put(LedgerEntry entry) throws IOException {
        synchronized (this) {
            write(entry);
        }
        changed();
    }

    void remove(UUID id) {
        synchronized (this) {
            fileOf(id).delete();
        }
        changed();
    }

    private void changed() {
        List<Listener> copy;
        synchronized (this) {
            copy = new ArrayList<>(listeners);
        }
        for (Listener l : copy) {
            l.onChanged();
        }
    }

    private File fileOf(UUID id) {
        return new File(dir, id + SUFFIX);
    }

    private void write(LedgerEntry e) throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        Properties p = new Properties();
        p.setProperty("id", e.id.toString());
        p.setProperty("order", Long.toString(e.order));
        EnhanceRequest r = e.request;
        p.setProperty("input", r.input().toString());
        if (r.durableInput() != null) {
            p.setProperty("durableInput", r.durableInput().getPath());
        }
        p.setProperty("model", r.modelId());
        p.setProperty("format", r.format().name());
        p.setProperty("quality", Integer.toString(r.jpegQuality()));
        p.setProperty("name", r.fileName());
        p.setProperty("detailStrength", Float.toString(r.detailStrength()));
        p.setProperty("keepLocation", Boolean.toString(r.keepLocation()));
        p.setProperty("keepGainMap", Boolean.toString(r.keepGainMap()));
        p.setProperty("state", e.state.name());
        putIfSet(p, "error", e.error);
        putIfSet(p, "note", e.note);
        putIfSet(p, "output", e.output == null ? null : e.output.toString());
        p.setProperty("width", Integer.toString(e.width));
        p.setProperty("height", Integer.toString(e.height));
        putIfSet(p, "backend", e.backend);
        p.setProperty("millisPerTile", Double.toString(e.millisPerTile));
        File tmp = new File(dir, e.id + ".tmp");
        try (OutputStream out = new FileOutputStream(tmp)) {
            p.store(out, null);
        }
        if (!tmp.renameTo(fileOf(e.id))) {
            tmp.delete();
            throw new IOException("cannot save job " + e.id);
        }
    }

    private static void putIfSet(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static LedgerEntry read(File f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(f)) {
            p.load(in);
        }
        String durable = p.getProperty("durableInput");
        EnhanceRequest request = new EnhanceRequest(Uri.parse(p.getProperty("input")), p.getProperty("model"),
                EnhanceRequest.Format.valueOf(p.getProperty("format")), Integer.parseInt(p.getProperty("quality")),
                p.getProperty("name"), Float.parseFloat(p.getProperty("detailStrength")))
                // a job written before the settings existed keeps both, as it was enqueued to
                .withMetadata(!"false".equals(p.getProperty("keepLocation")), !"false".equals(p.getProperty("keepGainMap")))
                .withDurableInput(durable == null ? null : new File(durable));
        String output = p.getProperty("output");
        return new LedgerEntry(UUID.fromString(p.getProperty("id")), Long.parseLong(p.getProperty("order")), request,
                JobStatus.State.valueOf(p.getProperty("state")), p.getProperty("error"), p.getProperty("note"),
                output == null ? null : Uri.parse(output), Integer.parseInt(p.getProperty("width")),
                Integer.parseInt(p.getProperty("height")), p.getProperty("backend"),
                Double.parseDouble(p.getProperty("millisPerTile")));
    }
}
