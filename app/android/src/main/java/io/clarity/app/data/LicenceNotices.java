package io.clarity.app.data;

import android.content.res.AssetManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The libraries in the APK and their licences, as the build wrote them from the dependency lock
 * ({@code assets/licenses/THIRD-PARTY-NOTICES.txt}, io.clarity.buildtools.ThirdPartyNotices): an entry is a line
 * {@code group:artifact:version}, then indented lines with the name and URL and each {@code Licence: …}.
 */
public final class LicenceNotices {
    public static final String ASSET = "licenses/THIRD-PARTY-NOTICES.txt";

    /** One library: {@code group:artifact:version}, its name, its project URL (may be empty), its licences. */
    public static final class Library {
        private final String coordinates;
        private final String name;
        private final String url;
        private final List<String> licences;

        public Library(String coordinates, String name, String url, List<String> licences) {
            this.coordinates = coordinates;
            this.name = name;
            this.url = url;
            this.licences = Collections.unmodifiableList(new ArrayList<>(licences));
        }

        public String coordinates() {
            return coordinates;
        }

        public String name() {
            return name;
        }

        public String url() {
            return url;
        }

        public List<String> licences() {
            return licences;
        }
    }

    private LicenceNotices() {
    }

    /** The APK's list; empty when the asset is missing (a build that skipped the step). */
    public static List<Library> read(AssetManager assets) {
        try (InputStream in = assets.open(ASSET)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 14];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return parse(new String(out.toByteArray(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Collections.emptyList();
        }
    }

    public static List<Library> parse(String text) {
        List<Library> out = new ArrayList<>();
        String coordinates = null;
        String name = "";
        String url = "";
        List<String> licences = new ArrayList<>();
        for (String line : text.split("\n")) {
            boolean entryStart = !line.isEmpty() && !line.startsWith(" ") && !line.contains(" ")
                    && line.split(":").length == 3;
            if (entryStart) {
                if (coordinates != null) {
                    out.add(new Library(coordinates, name, url, licences));
                }
                coordinates = line.trim();
                name = "";
                url = "";
                licences = new ArrayList<>();
            } else if (coordinates != null && line.startsWith("  Licence: ")) {
                licences.add(line.substring("  Licence: ".length()).trim());
            } else if (coordinates != null && line.startsWith("  ") && name.isEmpty()) {
                // "name - url" (ThirdPartyNotices), or the name alone
                String nameLine = line.trim();
                int dash = nameLine.lastIndexOf(" - ");
                boolean hasUrl = dash > 0 && nameLine.indexOf("://", dash) > 0;
                name = hasUrl ? nameLine.substring(0, dash) : nameLine;
                url = hasUrl ? nameLine.substring(dash + 3) : "";
            }
        }
        if (coordinates != null) {
            out.add(new Library(coordinates, name, url, licences));
        }
        return out;
    }
}
