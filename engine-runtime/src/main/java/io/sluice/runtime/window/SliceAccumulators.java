package io.sluice.runtime.window;

import java.util.Arrays;

/**
 * One slice's accumulators per key in the local stage of a two-stage window ({@link LocalWindowAggregator}): an
 * open-addressing table (linear probing) with the keys, their hashes and accumulators in parallel arrays. A
 * record costs one probe and no allocation once its key is in; sending the slice walks the arrays in order and
 * {@link #clear} keeps the capacity for the next slice, where a {@code HashMap} allocated an entry per key and
 * slice and chased pointers to iterate. Keys must not be {@code null}. Owned by one worker thread.
 */
final class SliceAccumulators {

    private static final int MIN_CAPACITY = 16;
    private Object[] keys = new Object[MIN_CAPACITY];
    private Object[] accs = new Object[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    int size() {
        return size;
    }

    /** The slot of {@code key}, or {@code -(slot to insert at) - 1}. */
    int find(Object key) {
        int h = spread(key.hashCode());
        int i = h & mask;
        Object k;
        while ((k = keys[i]) != null) {
            if (k == key || (hashes[i] == h && k.equals(key))) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    Object accAt(int slot) {
        return accs[slot];
    }

    void setAcc(int slot, Object acc) {
        accs[slot] = acc;
    }

    /** Adds {@code key} at the free slot {@link #find} returned ({@code -slot - 1} decoded by the caller). */
    void insert(int slot, Object key, Object acc) {
        keys[slot] = key;
        accs[slot] = acc;
        hashes[slot] = spread(key.hashCode());
        if (++size > (mask + 1) / 2) {
            grow();
        }
    }

    /** Removes {@code key} and returns its accumulator, or {@code null} when it has none. */
    Object remove(Object key) {
        int slot = find(key);
        if (slot < 0) {
            return null;
        }
        Object acc = accs[slot];
        // Backward-shift deletion: move later entries of the probe run into the gap, so lookups need no tombstones.
        int gap = slot;
        int i = (gap + 1) & mask;
        while (keys[i] != null) {
            int home = hashes[i] & mask;
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                keys[gap] = keys[i];
                accs[gap] = accs[i];
                hashes[gap] = hashes[i];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        keys[gap] = null;
        accs[gap] = null;
        size--;
        return acc;
    }

    /** Capacity of the arrays: {@link #keyAt} of every index below it is a key or {@code null}. */
    int capacity() {
        return mask + 1;
    }

    Object keyAt(int slot) {
        return keys[slot];
    }

    /**
     * Empties the table, keeping its capacity for the next slice, unless the table is far larger than this slice
     * needed (a burst of keys): then it starts smaller, so that every later slice does not clear the burst's size.
     */
    void clear() {
        if (size == 0) {
            return;
        }
        int capacity = mask + 1;
        if (capacity > 1024 && size < capacity / 8) {
            int smaller = Math.max(MIN_CAPACITY, Integer.highestOneBit(size) * 4);
            keys = new Object[smaller];
            accs = new Object[smaller];
            hashes = new int[smaller];
            mask = smaller - 1;
        } else {
            Arrays.fill(keys, null);
            Arrays.fill(accs, null);
        }
        size = 0;
    }

    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldAccs = accs;
        int[] oldHashes = hashes;
        int capacity = oldKeys.length * 2;
        keys = new Object[capacity];
        accs = new Object[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = oldHashes[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                accs[i] = oldAccs[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /** Spreads the high bits down, so that keys differing only there do not share a probe run. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
