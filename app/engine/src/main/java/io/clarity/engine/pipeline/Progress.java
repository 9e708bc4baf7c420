package io.clarity.engine.pipeline;

/** How far a run is: tiles done of the total, and the estimated time left. */
public final class Progress {
    private final int tilesDone;
    private final int tilesTotal;
    private final long etaMillis;

    public Progress(int tilesDone, int tilesTotal, long etaMillis) {
        this.tilesDone = tilesDone;
        this.tilesTotal = tilesTotal;
        this.etaMillis = etaMillis;
    }

    public int tilesDone() {
        return tilesDone;
    }

    public int tilesTotal() {
        return tilesTotal;
    }

    /** Estimated milliseconds left, from the mean time per tile so far; 0 when done. */
    public long etaMillis() {
        return etaMillis;
    }

    /** Done fraction in [0, 1]; exactly 1 after the last tile. */
    public double fraction() {
        return tilesTotal == 0 ? 1.0 : (double) tilesDone / tilesTotal;
    }

    @Override
    public String toString() {
        return tilesDone + "/" + tilesTotal + " tiles, ETA " + etaMillis + " ms";
    }
}
