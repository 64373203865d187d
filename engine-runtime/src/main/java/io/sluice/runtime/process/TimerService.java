package io.sluice.runtime.process;

import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;
import java.util.Map;
import java.util.TreeSet;

/**
 * The timers of one keyed operator instance. Each key's timers are keyed state (a {@link KeyTimers} per key
 * in the table {@value #TABLE}), so snapshots carry them per key group and a rescale moves them with their
 * keys; two sorted sets (event time, processing time) order all of them by (timestamp, registration) for
 * firing and are rebuilt from the table after a restore.
 *
 * <p>A key has at most one timer per (timestamp, kind): registering it again does nothing. Register, delete
 * and fire cost {@code O(log n)} in the number of pending timers. Owned by one worker thread.
 */
final class TimerService {

    /** The name of the timer table in the operator's keyed state. */
    static final String TABLE = "__timers";

    private final KeyedTable<KeyTimers> table;
    private final TreeSet<Timer> eventTimers = new TreeSet<>(Timer.ORDER);
    private final TreeSet<Timer> processingTimers = new TreeSet<>(Timer.ORDER);
    private long nextSeq;

    TimerService(KeyedStateBackend backend) {
        this.table = backend.table(TABLE, KeyTimers.CODEC);
    }

    /** Registers a timer of {@code key}; false when the key already has one of that kind at that time. */
    boolean register(Object key, int keyGroup, byte kind, long timestamp) {
        KeyTimers kt = table.get(key, keyGroup);
        if (kt == null) {
            kt = new KeyTimers();
            table.put(key, keyGroup, kt);
        } else if (kt.find(kind, timestamp) != null) {
            return false;
        }
        Timer t = new Timer(key, keyGroup, kind, timestamp, nextSeq++);
        kt.add(t);
        queueOf(kind).add(t);
        return true;
    }

    /** Deletes a timer of {@code key}, if it exists. */
    void delete(Object key, int keyGroup, byte kind, long timestamp) {
        KeyTimers kt = table.get(key, keyGroup);
        if (kt == null) {
            return;
        }
        Timer t = kt.find(kind, timestamp);
        if (t == null) {
            return;
        }
        forget(kt, t);
        queueOf(kind).remove(t);
    }

    /** Removes and returns the earliest event-time timer due at {@code watermark}, or {@code null}. */
    Timer pollEventTimer(long watermark) {
        return poll(eventTimers, watermark);
    }

    /** Removes and returns the earliest processing-time timer due at {@code now}, or {@code null}. */
    Timer pollProcessingTimer(long now) {
        return poll(processingTimers, now);
    }

    /** Whether an event-time timer is due at {@code watermark}. */
    boolean hasEventTimerDue(long watermark) {
        return !eventTimers.isEmpty() && eventTimers.first().timestamp <= watermark;
    }

    /** Pending timers of both kinds. */
    int size() {
        return eventTimers.size() + processingTimers.size();
    }

    int processingTimerCount() {
        return processingTimers.size();
    }

    /**
     * Rebuilds the sorted sets from the timer table after a restore: every restored timer learns its key and
     * key group, and new timers are numbered after the restored ones.
     */
    void rebuild(int firstKeyGroup, int endKeyGroup) {
        eventTimers.clear();
        processingTimers.clear();
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            for (Map.Entry<Object, KeyTimers> e : table.keyGroup(kg).entrySet()) {
                for (Timer t : e.getValue().timers) {
                    t.key = e.getKey();
                    t.keyGroup = kg;
                    queueOf(t.kind).add(t);
                    nextSeq = Math.max(nextSeq, t.seq + 1);
                }
            }
        }
    }

    private Timer poll(TreeSet<Timer> queue, long limit) {
        if (queue.isEmpty()) {
            return null;
        }
        Timer t = queue.first();
        if (t.timestamp > limit) {
            return null;
        }
        queue.pollFirst();
        forget(table.get(t.key, t.keyGroup), t);
        return t;
    }

    private void forget(KeyTimers kt, Timer t) {
        kt.remove(t);
        if (kt.isEmpty()) {
            table.remove(t.key, t.keyGroup);
        }
    }

    private TreeSet<Timer> queueOf(byte kind) {
        return Timer.isEventTime(kind) ? eventTimers : processingTimers;
    }
}
