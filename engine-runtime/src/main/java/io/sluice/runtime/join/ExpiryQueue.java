package io.sluice.runtime.join;

import java.util.Arrays;

/**
 * A binary min-heap of (time, sequence, key, key group, state) entries: what a join must do for which key once the
 * watermark reaches a time (fire a window, expire buffered items). Ordered by time, then by sequence number, so
 * entries due at the same time come out in a fixed order whatever order they were added in (the heap is rebuilt
 * from state on restore, and the output order must not change). The entry carries the key's group and its state
 * object, so handling it needs no hash lookup of the key (the state of cold keys is a cache miss away).
 *
 * <p>Parallel arrays, no object per entry. Not persisted: rebuilt from keyed state on restore. Owned by one worker
 * thread.
 */
final class ExpiryQueue {

    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Object[] keys = new Object[64];
    private int[] keyGroups = new int[64];
    private Object[] states = new Object[64];
    private int size;

    void add(long time, long seq, Object key, int keyGroup, Object state) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            keys = Arrays.copyOf(keys, n);
            keyGroups = Arrays.copyOf(keyGroups, n);
            states = Arrays.copyOf(states, n);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, key, keyGroup, state);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest time; only when not empty. */
    long peekTime() {
        return times[0];
    }

    /** The key of the earliest entry; only when not empty. */
    Object peekKey() {
        return keys[0];
    }

    /** The key group of the earliest entry's key; only when not empty. */
    int peekKeyGroup() {
        return keyGroups[0];
    }

    /** The state object of the earliest entry; only when not empty. */
    Object peekState() {
        return states[0];
    }

    /** Removes the earliest entry. */
    void pop() {
        int last = --size;
        long time = times[last];
        long seq = seqs[last];
        Object key = keys[last];
        int keyGroup = keyGroups[last];
        Object state = states[last];
        keys[last] = null;
        states[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!before(times[child], seqs[child], time, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, time, seq, key, keyGroup, state);
    }

    void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(states, 0, size, null);
        size = 0;
    }

    private static boolean before(long time, long seq, long otherTime, long otherSeq) {
        return time < otherTime || (time == otherTime && seq < otherSeq);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        keys[to] = keys[from];
        keyGroups[to] = keyGroups[from];
        states[to] = states[from];
    }

    private void set(int i, long time, long seq, Object key, int keyGroup, Object state) {
        times[i] = time;
        seqs[i] = seq;
        keys[i] = key;
        keyGroups[i] = keyGroup;
        states[i] = state;
    }
}
