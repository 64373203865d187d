package io.sluice.connectors.chronicle;

import io.sluice.api.connector.SourceSplit;

/**
 * A {@code chronicle:} queue and the reader's position in it (a queue is one ordered log: one split). A position
 * is an excerpt and a record in it, since an excerpt holds a batch of records ({@link ExcerptLayout}). Immutable.
 *
 * @param dir       the queue's directory, absolute
 * @param index     {@link #START} for the first excerpt; otherwise an excerpt index
 * @param after     whether reading continues after the excerpt at {@code index} (its records were all read) or in it
 * @param offset    where in the excerpt at {@code index} reading continues: how many of its records were read
 *                  already (0 when {@code after}, or at {@link #START})
 * @param stopIndex the last index a bounded source reads (the queue's last index when the job started), or
 *                  {@link #UNBOUNDED}
 */
record ChronicleSplit(String dir, long index, boolean after, int offset, long stopIndex) implements SourceSplit {

    static final long START = -1;
    static final long UNBOUNDED = -1;
    /** The stop index of a bounded source over a queue that was empty at the start: it reads nothing. */
    static final long EMPTY = -2;

    ChronicleSplit {
        if (index < START || stopIndex < EMPTY || offset < 0 || offset > 0 && (after || index == START)) {
            throw new IllegalArgumentException("invalid chronicle split " + dir + " at " + index + (after ? " (after)" : "")
                    + " record " + offset + " until " + stopIndex);
        }
    }

    /** At the start of the excerpt {@code index} (or of the queue, {@link #START}), or after it. */
    ChronicleSplit(String dir, long index, boolean after, long stopIndex) {
        this(dir, index, after, 0, stopIndex);
    }

    @Override
    public String splitId() {
        return dir;
    }

    /** Positioned after the excerpt {@code lastRead}, all of whose records were read. */
    ChronicleSplit afterIndex(long lastRead) {
        return new ChronicleSplit(dir, lastRead, true, 0, stopIndex);
    }

    /** Positioned at record {@code offset} of the excerpt {@code index}, the ones before it read. */
    ChronicleSplit inExcerpt(long index, int offset) {
        return new ChronicleSplit(dir, index, false, offset, stopIndex);
    }
}
