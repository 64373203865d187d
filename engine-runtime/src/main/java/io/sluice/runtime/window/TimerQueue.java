package io.sluice.runtime.window;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The pending timers of a window operator, in (time, sequence) order. Window timers cluster: every key whose
 * next window ends at {@code t} wants a timer at {@code t}. So timers are kept in buckets of equal time (in push
 * order, which is sequence order), and only the distinct times are in a binary min-heap: pushing and popping a
 * timer usually costs an array append and an index step, not a heap operation. Each entry carries the key's
 * state, so firing needs no table lookup.
 *
 * <p>Entries are not removed when a key's timer changes; the operator recognises and skips stale ones by their
 * (time, sequence). Owned by one worker thread.
 */
final class TimerQueue {

    /** Timers due at one time, in push order; {@code next} is the first not yet popped. */
    private static final class Bucket {
        long time;
        // Small at first: session timers mostly have a time of their own; window ends grow theirs by doubling.
        long[] seqs = new long[4];
        Object[] keys = new Object[4];
        KeyWindows[] states = new KeyWindows[4];
        int size;
        int next;

        void add(long seq, Object key, KeyWindows state) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
                states = Arrays.copyOf(states, size * 2);
            }
            seqs[size] = seq;
            keys[size] = key;
            states[size] = state;
            size++;
        }

        void clear() {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(states, 0, size, null);
            size = 0;
            next = 0;
        }
    }

    /** Up to this many distinct times, {@link #bucketAt} scans the heap instead of the map. */
    private static final int SCAN_LIMIT = 8;
    private long[] heapTimes = new long[16];
    private Bucket[] heap = new Bucket[16];
    private int heapSize;
    private final HashMap<Long, Bucket> byTime = new HashMap<>();
    /** The bucket of the last push: consecutive pushes mostly go to the same time. */
    private Bucket last;
    private final ArrayDeque<Bucket> free = new ArrayDeque<>();
    private int size;

    /** Number of entries, stale ones included. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return heapSize == 0;
    }

    long peekTime() {
        return heap[0].time;
    }

    long peekSeq() {
        Bucket b = heap[0];
        return b.seqs[b.next];
    }

    Object peekKey() {
        Bucket b = heap[0];
        return b.keys[b.next];
    }

    KeyWindows peekState() {
        Bucket b = heap[0];
        return b.states[b.next];
    }

    /**
     * Adds a timer. Sequences must grow with every push, so that a bucket's push order is its sequence order
     * (a restore pushes its timers sorted by time and sequence).
     */
    void push(long time, long seq, Object key, KeyWindows state) {
        Bucket b = last;
        if (b == null || b.time != time) {
            b = bucketAt(time);
            if (b == null) {
                b = free.isEmpty() ? new Bucket() : free.poll();
                b.time = time;
                byTime.put(time, b);
                heapAdd(b);
            }
            last = b;
        }
        b.add(seq, key, state);
        size++;
    }

    /**
     * The bucket of {@code time}, or null. Window timers use few distinct times at once (a window's end and the
     * next, while the inputs of a two-stage window drift apart), and pushes then alternate between them: a look
     * at a small heap is cheaper than boxing the time for the map.
     */
    private Bucket bucketAt(long time) {
        if (heapSize <= SCAN_LIMIT) {
            for (int i = 0; i < heapSize; i++) {
                if (heapTimes[i] == time) {
                    return heap[i];
                }
            }
            return null;
        }
        return byTime.get(time);
    }

    /** Removes the earliest entry. */
    void pop() {
        Bucket b = heap[0];
        b.keys[b.next] = null;
        b.states[b.next] = null;
        size--;
        if (++b.next < b.size) {
            return;
        }
        heapRemoveHead();
        byTime.remove(b.time);
        if (last == b) {
            last = null;
        }
        b.clear();
        free.push(b);
    }

    void clear() {
        while (heapSize > 0) {
            Bucket b = heap[0];
            heapRemoveHead();
            b.clear();
            free.push(b);
        }
        byTime.clear();
        last = null;
        size = 0;
    }

    private void heapAdd(Bucket b) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
            heapTimes = Arrays.copyOf(heapTimes, heapSize * 2);
        }
        int i = heapSize++;
        long time = b.time;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapTimes[parent] <= time) {
                break;
            }
            heap[i] = heap[parent];
            heapTimes[i] = heapTimes[parent];
            i = parent;
        }
        heap[i] = b;
        heapTimes[i] = time;
    }

    private void heapRemoveHead() {
        int lastIndex = --heapSize;
        Bucket moved = heap[lastIndex];
        long time = heapTimes[lastIndex];
        heap[lastIndex] = null;
        if (lastIndex == 0) {
            return;
        }
        int i = 0;
        int half = lastIndex >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < lastIndex && heapTimes[right] < heapTimes[child]) {
                child = right;
            }
            if (heapTimes[child] >= time) {
                break;
            }
            heap[i] = heap[child];
            heapTimes[i] = heapTimes[child];
            i = child;
        }
        heap[i] = moved;
        heapTimes[i] = time;
    }
}
