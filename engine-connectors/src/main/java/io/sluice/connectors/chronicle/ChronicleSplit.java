package io.sluice.connectors.chronicle;

import io.sluice.api.connector.SourceSplit;

/**
 * A {@code chronicle:} queue and the reader's position in it (a queue is one ordered log: one split). Immutable.
 *
 * @param dir       the queue's directory, absolute
 * @param index     {@link #START} for the first excerpt; otherwise an excerpt index
 * @param after     whether reading continues after {@code index} (it was the last one read) or at it
 * @param stopIndex the last index a bounded source reads (the queue's last index when the job started), or
 *                  {@link #UNBOUNDED}
 */
record ChronicleSplit(String dir, long index, boolean after, long stopIndex) implements SourceSplit {

    static final long START = -1;
    static final long UNBOUNDED = -1;
    /** The stop index of a bounded source over a queue that was empty at the start: it reads nothing. */
    static final long EMPTY = -2;

    ChronicleSplit {
        if (index < START || stopIndex < EMPTY) {
            throw new IllegalArgumentException("invalid chronicle split " + dir + " at " + index + " until " + stopIndex);
        }
    }

    @Override
    public String splitId() {
        return dir;
    }

    /** Positioned after {@code lastRead}. */
    ChronicleSplit afterIndex(long lastRead) {
        return new ChronicleSplit(dir, lastRead, true, stopIndex);
    }
}
