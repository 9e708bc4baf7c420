package io.clarity.engine.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of Clarity's shipped models ({@value #FILE_NAME} in ml-models/models): what each is and what the
 * evaluator measured, written by ml-models' card generator ({@code eval.ModelCard}) from the measurements that go
 * into the model cards, and read by the app (from its assets) and the desktop CLI (from its jar), which both take
 * their default per scale from {@link #best} instead of ranking file names.
 *
 * <p>It lives in the engine because it is the one module both readers see that has no Android and no TFLite
 * classes: a tab-separated text file that plain Java on Android 8.0 reads with no library.
 */
public final class ShippedModels {
    public static final String FILE_NAME = "catalog.tsv";

    /** A model's files beside its id: {@code <id>.tflite}, {@code -fp16}, {@code -int8}, weights, detail weights. */
    public enum ShippedFile {
        FP32(".tflite"), FP16("-fp16.tflite"), INT8("-int8.tflite"), WEIGHTS(".clw"), DETAIL_WEIGHTS("-detail.clw"),
        /** A real-photo model's heavy fidelity weights: the cleaning strength blends them with {@link #WEIGHTS}. */
        HEAVY_WEIGHTS("-heavy.clw");

        private final String suffix;

        ShippedFile(String suffix) {
            this.suffix = suffix;
        }

        /** The file name of this file of model {@code id}. */
        public String nameFor(String id) {
            return id + suffix;
        }

        private String token() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One shipped model. PSNR is Y PSNR in dB on clean bicubic Set5 / Set14 (the evaluator's protocol, see
     * ml-models/README.md), of the fp32 and the int8 .tflite; NaN where that file is not shipped.
     */
    public static final class Entry {
        private final String id;
        private final String family;
        private final int scale;
        private final ModelSpec.Channels channels;
        private final int parameters;
        private final int macsPerOutputPixel;
        private final double set5;
        private final double set14;
        private final double set5Int8;
        private final double set14Int8;
        private final Set<ShippedFile> files;
        private final double[] protocols;

        // a class, not a record: animal-sniffer's API 26 signatures have no java.lang.Record
        public Entry(String id, String family, int scale, ModelSpec.Channels channels, int parameters,
                     int macsPerOutputPixel, double set5, double set14, double set5Int8, double set14Int8,
                     Set<ShippedFile> files) {
            this(id, family, scale, channels, parameters, macsPerOutputPixel, set5, set14, set5Int8, set14Int8, files,
                    new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        }

        /**
         * @param protocols issue #14's degraded and clean-jpeg Y PSNR, Set5 and Set14 each, of a real-photo model at
         *                  its automatic strength (NaN for models not scored on them)
         */
        public Entry(String id, String family, int scale, ModelSpec.Channels channels, int parameters,
                     int macsPerOutputPixel, double set5, double set14, double set5Int8, double set14Int8,
                     Set<ShippedFile> files, double[] protocols) {
            if (id.isEmpty() || !id.equals(id.trim()) || id.contains("\t")) {
                throw new IllegalArgumentException("model id must be one word, was '" + id + "'");
            }
            if (scale < 1 || parameters < 0 || macsPerOutputPixel < 0) {
                throw new IllegalArgumentException(id + ": scale, parameters and MACs must be positive");
            }
            if (Double.isNaN(set5) || Double.isNaN(set14)) {
                throw new IllegalArgumentException(id + ": the fp32 Set5 and Set14 PSNR are required");
            }
            if (!files.contains(ShippedFile.FP32)) {
                throw new IllegalArgumentException(id + ": every model ships its fp32 " + ShippedFile.FP32.nameFor(id));
            }
            this.id = id;
            this.family = family;
            this.scale = scale;
            this.channels = channels;
            this.parameters = parameters;
            this.macsPerOutputPixel = macsPerOutputPixel;
            this.set5 = set5;
            this.set14 = set14;
            this.set5Int8 = set5Int8;
            this.set14Int8 = set14Int8;
            this.files = Collections.unmodifiableSet(new LinkedHashSet<>(files));
            if (protocols.length != 4) {
                throw new IllegalArgumentException(id + ": 4 protocol scores expected, got " + protocols.length);
            }
            this.protocols = protocols.clone();
        }

        /** Degraded-protocol Y PSNR on Set5 / Set14 (automatic strength); NaN when not measured. */
        public double degradedSet5() {
            return protocols[0];
        }

        public double degradedSet14() {
            return protocols[1];
        }

        /** Clean-jpeg-protocol Y PSNR on Set5 / Set14 (automatic strength); NaN when not measured. */
        public double cleanJpegSet5() {
            return protocols[2];
        }

        public double cleanJpegSet14() {
            return protocols[3];
        }

        /** Whether it ships heavy fidelity weights, so its cleaning strength can be chosen. */
        public boolean cleanable() {
            return blendable() && files.contains(ShippedFile.HEAVY_WEIGHTS);
        }

        public String id() {
            return id;
        }

        public String family() {
            return family;
        }

        public int scale() {
            return scale;
        }

        public ModelSpec.Channels channels() {
            return channels;
        }

        public int parameters() {
            return parameters;
        }

        public int macsPerOutputPixel() {
            return macsPerOutputPixel;
        }

        public double set5() {
            return set5;
        }

        public double set14() {
            return set14;
        }

        public double set5Int8() {
            return set5Int8;
        }

        public double set14Int8() {
            return set14Int8;
        }

        public Set<ShippedFile> files() {
            return files;
        }

        /** Equal when every column is: what a format/parse round trip keeps. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Entry)) {
                return false;
            }
            Entry e = (Entry) o;
            return id.equals(e.id) && family.equals(e.family) && scale == e.scale && channels == e.channels
                    && parameters == e.parameters && macsPerOutputPixel == e.macsPerOutputPixel
                    && Double.compare(set5, e.set5) == 0 && Double.compare(set14, e.set14) == 0
                    && Double.compare(set5Int8, e.set5Int8) == 0 && Double.compare(set14Int8, e.set14Int8) == 0
                    && files.equals(e.files) && Arrays.equals(protocols, e.protocols);
        }

        @Override
        public int hashCode() {
            return id.hashCode() * 31 + Double.hashCode(set5);
        }

        @Override
        public String toString() {
            return id + " x" + scale + " " + channels + " " + set5 + "/" + set14;
        }

        /** The mean of the fp32 Set5 and Set14 PSNR: what {@link #best} ranks by. */
        public double measuredPsnr() {
            return (set5 + set14) / 2;
        }

        /** Whether it ships two weight sets that the app blends at a detail strength. */
        public boolean blendable() {
            return files.contains(ShippedFile.WEIGHTS) && files.contains(ShippedFile.DETAIL_WEIGHTS);
        }

        /** The names of every file of this model that is shipped. */
        public List<String> fileNames() {
            List<String> names = new ArrayList<>();
            for (ShippedFile f : files) {
                names.add(f.nameFor(id));
            }
            return names;
        }
    }

    private static final String[] COLUMNS = {"id", "family", "scale", "channels", "params", "macs_per_output_px",
            "set5", "set14", "set5_int8", "set14_int8", "files", "degraded_set5", "degraded_set14",
            "clean_jpeg_set5", "clean_jpeg_set14"};

    private final List<Entry> entries;

    public ShippedModels(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("model " + sorted.get(i).id() + " is listed twice");
            }
        }
        this.entries = Collections.unmodifiableList(sorted);
    }

    /** Every shipped model, by id. */
    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> find(String id) {
        for (Entry e : entries) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The default for a scale and channel kind (Y: the fast fidelity models; RGB: the real-photo models): the
     * best measured fp32 PSNR ({@link Entry#measuredPsnr}), the cheaper one on a tie.
     */
    public Optional<Entry> best(int scale, ModelSpec.Channels channels) {
        Entry best = null;
        for (Entry e : entries) {
            if (e.scale() != scale || e.channels() != channels) {
                continue;
            }
            if (best == null || e.measuredPsnr() > best.measuredPsnr()
                    || (e.measuredPsnr() == best.measuredPsnr() && e.macsPerOutputPixel() < best.macsPerOutputPixel())) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** This list with {@code entry} added, or in place of the entry with its id. */
    public ShippedModels with(Entry entry) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.id().equals(entry.id())) {
                list.add(e);
            }
        }
        list.add(entry);
        return new ShippedModels(list);
    }

    /** The file text, as {@link #parse} reads it. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("# Clarity's shipped models, written by io.clarity.models.eval.ModelCard (ml-models/regenerate-cards.sh)\n");
        b.append("# from the measurements in the model cards; do not edit. PSNR: Y dB, clean bicubic Set5/Set14, fp32 and int8;\n");
        b.append("# real-photo models also on issue #14's degraded and clean-jpeg protocols (fp32, automatic strength).\n");
        b.append(String.join("\t", COLUMNS)).append('\n');
        for (Entry e : entries) {
            List<String> files = new ArrayList<>();
            for (ShippedFile f : e.files()) {
                files.add(f.token());
            }
            b.append(String.join("\t", e.id(), e.family(), Integer.toString(e.scale()), e.channels().name(),
                    Integer.toString(e.parameters()), Integer.toString(e.macsPerOutputPixel()), decibels(e.set5()),
                    decibels(e.set14()), decibels(e.set5Int8()), decibels(e.set14Int8()), String.join(",", files),
                    decibels(e.degradedSet5()), decibels(e.degradedSet14()), decibels(e.cleanJpegSet5()),
                    decibels(e.cleanJpegSet14()))).append('\n');
        }
        return b.toString();
    }

    /** Reads the file; a malformed line is an IOException naming its line and what is wrong. */
    public static ShippedModels parse(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<Entry> entries = new ArrayList<>();
        boolean header = false;
        int lineNumber = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            if (line.startsWith("#") || line.trim().isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (!header) {
                if (!Arrays.equals(cells, COLUMNS)) {
                    throw new IOException(FILE_NAME + " line " + lineNumber + ": expected the header "
                            + String.join(" ", COLUMNS));
                }
                header = true;
                continue;
            }
            if (cells.length != COLUMNS.length) {
                throw new IOException(FILE_NAME + " line " + lineNumber + ": " + cells.length + " columns, expected "
                        + COLUMNS.length);
            }
            try {
                entries.add(new Entry(cells[0], cells[1], Integer.parseInt(cells[2]),
                        ModelSpec.Channels.valueOf(cells[3]), Integer.parseInt(cells[4]), Integer.parseInt(cells[5]),
                        parseDecibels(cells[6]), parseDecibels(cells[7]), parseDecibels(cells[8]),
                        parseDecibels(cells[9]), parseFiles(cells[10]), new double[] {parseDecibels(cells[11]),
                        parseDecibels(cells[12]), parseDecibels(cells[13]), parseDecibels(cells[14])}));
            } catch (IllegalArgumentException e) {
                throw new IOException(FILE_NAME + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new IOException(FILE_NAME + " is empty (no header line)");
        }
        try {
            return new ShippedModels(entries);
        } catch (IllegalArgumentException e) {
            throw new IOException(FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    private static Set<ShippedFile> parseFiles(String cell) {
        Set<ShippedFile> files = new LinkedHashSet<>();
        for (String token : cell.split(",")) {
            ShippedFile found = null;
            for (ShippedFile f : ShippedFile.values()) {
                if (f.token().equals(token.trim())) {
                    found = f;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown file kind '" + token + "'");
            }
            files.add(found);
        }
        return files;
    }

    private static String decibels(double db) {
        return Double.isNaN(db) ? "-" : String.format(Locale.ROOT, "%.2f", db);
    }

    private static double parseDecibels(String cell) {
        return cell.equals("-") ? Double.NaN : Double.parseDouble(cell);
    }
}
