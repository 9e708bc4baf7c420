package io.clarity.models.cli;

import io.clarity.engine.pipeline.Progress;

import java.io.PrintStream;
import java.util.Locale;

/** One status line, redrawn in place: a bar for the batch and one for the photo being upscaled. */
final class ProgressLine {
    private static final int BAR = 20;

    private final PrintStream err;
    private final int photos;
    private int drawnLength;

    ProgressLine(PrintStream err, int photos) {
        this.err = err;
        this.photos = photos;
    }

    /** Photo {@code index} (0-based) of the batch is at {@code p}. */
    void show(int index, String name, Progress p) {
        double batch = (index + p.fraction()) / photos;
        String line = String.format(Locale.ROOT, "%d/%d %s %3d%%  %s %s %3d%% %d/%d tiles ETA %ds", index + 1, photos,
                bar(batch), Math.round(batch * 100), name, bar(p.fraction()), Math.round(p.fraction() * 100),
                p.tilesDone(), p.tilesTotal(), (p.etaMillis() + 999) / 1000);
        err.print("\r" + pad(line));
        drawnLength = line.length();
    }

    /** Blanks the line, so the next message starts clean. */
    void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    private String pad(String line) {
        return line.length() >= drawnLength ? line : line + " ".repeat(drawnLength - line.length());
    }
}
