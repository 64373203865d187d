package io.sluice.runtime.process;

import java.util.Comparator;

/**
 * One registered timer: the key (and its key group) it belongs to, its kind and timestamp, and a sequence
 * number that orders timers with equal timestamps by registration. The key fields are filled in when the
 * timer is created or, after a restore, when the timer queues are rebuilt from the key-group tables.
 */
final class Timer {

    /** A user's event-time timer. */
    static final byte EVENT = 0;
    /** A user's processing-time timer. */
    static final byte PROCESSING = 1;
    /** Removes expired event-time TTL state of the key. */
    static final byte EVENT_CLEANUP = 2;
    /** Removes expired processing-time TTL state of the key. */
    static final byte PROCESSING_CLEANUP = 3;

    /**
     * Timestamp, then registration order; the key group breaks the tie between timers of two instances whose
     * sequence numbers met when their snapshots were merged by a rescale (key groups are disjoint there).
     */
    static final Comparator<Timer> ORDER = (a, b) -> {
        int c = Long.compare(a.timestamp, b.timestamp);
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.seq, b.seq);
        return c != 0 ? c : Integer.compare(a.keyGroup, b.keyGroup);
    };

    Object key;
    int keyGroup;
    final byte kind;
    final long timestamp;
    final long seq;
    /** Deleted while queued: the queue drops it when it reaches the head (deletion is lazy). */
    boolean deleted;
    /** The key's timer list that holds this timer, so firing it needs no lookup to find the list. */
    KeyTimers owner;

    Timer(Object key, int keyGroup, byte kind, long timestamp, long seq) {
        this.key = key;
        this.keyGroup = keyGroup;
        this.kind = kind;
        this.timestamp = timestamp;
        this.seq = seq;
    }

    static boolean isEventTime(byte kind) {
        return kind == EVENT || kind == EVENT_CLEANUP;
    }

    @Override
    public String toString() {
        return "Timer[" + key + " @" + timestamp + " kind " + kind + " #" + seq + "]";
    }
}
