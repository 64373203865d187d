package io.sluice.runtime.process;

import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;
import java.util.PriorityQueue;

/**
 * The timers of one keyed operator instance. Each key's timers are keyed state (a {@link KeyTimers} per key
 * in the table {@value #TABLE}), so snapshots carry them per key group and a rescale moves them with their
 * keys; two binary heaps (event time, processing time) order all of them by (timestamp, registration) for
 * firing and are rebuilt from the table after a restore.
 *
 * <p>A key has at most one timer per (timestamp, kind): registering it again does nothing. Register and fire
 * cost {@code O(log n)} in the number of pending timers and allocate nothing but the timer (a heap is an
 * array; a sorted tree would allocate a node per timer and rebalance). Deleting is lazy: the timer is marked
 * and leaves the heap when it reaches the head, or when deleted timers outnumber live ones and the heap is
 * compacted. Owned by one worker thread.
 */
final class TimerService {

    /** The name of the timer table in the operator's keyed state. */
    static final String TABLE = "__timers";

    private final KeyedTable<KeyTimers> table;
    private final PriorityQueue<Timer> eventTimers = new PriorityQueue<>(Timer.ORDER);
    private final PriorityQueue<Timer> processingTimers = new PriorityQueue<>(Timer.ORDER);
    /** Deleted timers still in each heap. */
    private int deletedEventTimers;
    private int deletedProcessingTimers;
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
        t.owner = kt;
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
        forget(t);
        t.deleted = true;
        if (Timer.isEventTime(kind)) {
            deletedEventTimers++;
            if (deletedEventTimers > 64 && deletedEventTimers > eventTimers.size() / 2) {
                eventTimers.removeIf(x -> x.deleted);
                deletedEventTimers = 0;
            }
        } else {
            deletedProcessingTimers++;
            if (deletedProcessingTimers > 64 && deletedProcessingTimers > processingTimers.size() / 2) {
                processingTimers.removeIf(x -> x.deleted);
                deletedProcessingTimers = 0;
            }
        }
    }

    /** Removes and returns the earliest event-time timer due at {@code watermark}, or {@code null}. */
    Timer pollEventTimer(long watermark) {
        Timer t = headOf(eventTimers, true);
        return t == null || t.timestamp > watermark ? null : take(eventTimers, t);
    }

    /** Removes and returns the earliest processing-time timer due at {@code now}, or {@code null}. */
    Timer pollProcessingTimer(long now) {
        Timer t = headOf(processingTimers, false);
        return t == null || t.timestamp > now ? null : take(processingTimers, t);
    }

    /** Pending timers of both kinds. */
    int size() {
        return eventTimers.size() - deletedEventTimers + processingTimers.size() - deletedProcessingTimers;
    }

    /**
     * Rebuilds the sorted sets from the timer table after a restore: every restored timer learns its key and
     * key group, and new timers are numbered after the restored ones.
     */
    void rebuild(int firstKeyGroup, int endKeyGroup) {
        eventTimers.clear();
        processingTimers.clear();
        deletedEventTimers = 0;
        deletedProcessingTimers = 0;
        for (int kg = firstKeyGroup; kg < endKeyGroup; kg++) {
            int group = kg;
            table.forEach(kg, (key, kt) -> {
                for (Timer t : kt.timers) {
                    t.key = key;
                    t.keyGroup = group;
                    t.owner = kt;
                    queueOf(t.kind).add(t);
                    nextSeq = Math.max(nextSeq, t.seq + 1);
                }
            });
        }
    }

    /** The earliest live timer of a heap, after dropping deleted ones from its head; {@code null} if none. */
    private Timer headOf(PriorityQueue<Timer> queue, boolean eventTime) {
        Timer t;
        while ((t = queue.peek()) != null && t.deleted) {
            queue.poll();
            if (eventTime) {
                deletedEventTimers--;
            } else {
                deletedProcessingTimers--;
            }
        }
        return t;
    }

    private Timer take(PriorityQueue<Timer> queue, Timer head) {
        queue.poll();
        forget(head);
        return head;
    }

    /** Takes {@code t} off its key's list; the key leaves the table with its last timer. */
    private void forget(Timer t) {
        KeyTimers kt = table.current(t.key, t.keyGroup, t.owner); // a snapshot may still see the owner
        kt.remove(t);
        if (kt.isEmpty()) {
            table.remove(t.key, t.keyGroup);
        }
    }

    private PriorityQueue<Timer> queueOf(byte kind) {
        return Timer.isEventTime(kind) ? eventTimers : processingTimers;
    }
}
