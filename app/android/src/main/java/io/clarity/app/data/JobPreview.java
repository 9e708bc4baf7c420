package io.clarity.app.data;

import java.io.File;

/**
 * The live preview of a running job: a screen-sized PNG in app storage that the job rewrites (atomically) as tiles
 * finish, transparent where no tile is done yet. The revision counts the rewrites, so a reader knows when to read
 * the file again; the preview crosses the process boundary as this path, never as pixels.
 */
public final class JobPreview {
    private final File file;
    private final int revision;
    private final int tilesShown;

    public JobPreview(File file, int revision, int tilesShown) {
        this.file = file;
        this.revision = revision;
        this.tilesShown = tilesShown;
    }

    public File getFile() {
        return file;
    }

    /** 1 for the first file, one more for each rewrite. */
    public int getRevision() {
        return revision;
    }

    /** How many tiles the file shows. */
    public int getTilesShown() {
        return tilesShown;
    }

    @Override
    public String toString() {
        return file.getName() + " r" + revision + " (" + tilesShown + " tiles)";
    }
}
