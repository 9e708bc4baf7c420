package io.clarity.models.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code --licenses}: Clarity's licence, then the notices of every library in the CLI, both packaged by the build. */
final class Licenses {
    static final String LICENSE = "/META-INF/clarity/LICENSE";
    static final String NOTICES = "/META-INF/clarity/THIRD-PARTY-NOTICES.txt";

    private Licenses() {
    }

    static String text() throws IOException {
        return read(LICENSE) + System.lineSeparator() + read(NOTICES);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Licenses.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
