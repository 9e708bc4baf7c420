package io.clarity.app.work;

import android.net.Uri;

import io.clarity.app.data.JobStatus;

import java.util.UUID;

/** One job as the ledger keeps it on disk: the request, the durable input, and the lasting part of its status. */
final class LedgerEntry {
    final UUID id;
    /** Position in the queue: jobs run in increasing order. */
    final long order;
    final EnhanceRequest request;
    final JobStatus.State state;
    final String error;
    final String note;
    final Uri output;
    final int width;
    final int height;
    final String backend;
    final double millisPerTile;

    LedgerEntry(UUID id, long order, EnhanceRequest request, JobStatus.State state, String error, String note,
                Uri output, int width, int height, String backend, double millisPerTile) {
        this.id = id;
        this.order = order;
        this.request = request;
        this.state = state;
        this.error = error;
        this.note = note;
        this.output = output;
        this.width = width;
        this.height = height;
        this.backend = backend;
        this.millisPerTile = millisPerTile;
    }

    static LedgerEntry queued(UUID id, long order, EnhanceRequest request) {
        return new LedgerEntry(id, order, request, JobStatus.State.QUEUED, null, null, null, 0, 0, null, 0);
    }

    LedgerEntry withState(JobStatus.State state, String error) {
        return new LedgerEntry(id, order, request, state, error, note, output, width, height, backend, millisPerTile);
    }

    LedgerEntry withNote(String note) {
        return new LedgerEntry(id, order, request, state, error, note, output, width, height, backend, millisPerTile);
    }

    LedgerEntry requeued(long order) {
        return new LedgerEntry(id, order, request, JobStatus.State.QUEUED, null, null, null, 0, 0, null, 0);
    }

    LedgerEntry done(Uri output, int width, int height, String backend, double millisPerTile) {
        return new LedgerEntry(id, order, request, JobStatus.State.DONE, null, note, output, width, height, backend,
                millisPerTile);
    }
}
