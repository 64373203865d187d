package io.sluice.runtime.window;

import java.util.Arrays;

/**
 * The pending timers of a window operator: a binary min-heap of (time, sequence, key) in parallel arrays, so a
 * timer costs no object. Equal times pop in sequence order, which makes firing order independent of hash
 * order and of snapshot/restore (the sequence is kept in the key's state). Entries are not removed when a key's
 * timer changes; the operator recognises and skips stale ones. Owned by one worker thread.
 */
final class TimerHeap {

    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Object[] keys = new Object[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peekTime() {
        return times[0];
    }

    long peekSeq() {
        return seqs[0];
    }

    Object peekKey() {
        return keys[0];
    }

    void push(long time, long seq, Object key) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        int i = size++;
        // Sift up; timers mostly arrive in time order, so this usually stops at once.
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, key);
    }

    /** Removes the earliest entry. */
    void pop() {
        int last = --size;
        long time = times[last];
        long seq = seqs[last];
        Object key = keys[last];
        keys[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && less(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!less(times[child], seqs[child], time, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, time, seq, key);
    }

    void clear() {
        Arrays.fill(keys, 0, size, null);
        size = 0;
    }

    private static boolean less(long time, long seq, long otherTime, long otherSeq) {
        return time < otherTime || (time == otherTime && seq < otherSeq);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        keys[to] = keys[from];
    }

    private void set(int i, long time, long seq, Object key) {
        times[i] = time;
        seqs[i] = seq;
        keys[i] = key;
    }
}
