package io.clarity.engine.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable TIFF image file directory: entries in ascending tag order, as TIFF requires. */
public final class TiffDirectory {
    public static final TiffDirectory EMPTY = new TiffDirectory(Collections.<TiffEntry>emptyList());

    private final List<TiffEntry> entries;

    public TiffDirectory(List<TiffEntry> entries) {
        List<TiffEntry> sorted = new ArrayList<>(entries);
        Collections.sort(sorted, (a, b) -> Integer.compare(a.tag(), b.tag()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).tag() == sorted.get(i - 1).tag()) {
                throw new IllegalArgumentException("duplicate tag 0x" + Integer.toHexString(sorted.get(i).tag()));
            }
        }
        this.entries = Collections.unmodifiableList(sorted);
    }

    public List<TiffEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entry with this tag, or null. */
    public TiffEntry entry(int tag) {
        for (TiffEntry e : entries) {
            if (e.tag() == tag) {
                return e;
            }
        }
        return null;
    }

    /** This directory with {@code entry} added, replacing any entry with its tag. */
    public TiffDirectory with(TiffEntry entry) {
        List<TiffEntry> next = new ArrayList<>(entries.size() + 1);
        for (TiffEntry e : entries) {
            if (e.tag() != entry.tag()) {
                next.add(e);
            }
        }
        next.add(entry);
        return new TiffDirectory(next);
    }

    public TiffDirectory without(int... tags) {
        List<TiffEntry> next = new ArrayList<>(entries.size());
        for (TiffEntry e : entries) {
            boolean drop = false;
            for (int tag : tags) {
                drop |= e.tag() == tag;
            }
            if (!drop) {
                next.add(e);
            }
        }
        return new TiffDirectory(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiffDirectory && entries.equals(((TiffDirectory) o).entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
