package io.sluice.runtime.join;

import java.util.Arrays;

/**
 * The items of one side of one key that a join keeps, each with its event-time timestamp, in arrival order:
 * two parallel arrays, no object per item beyond the item itself. Owned by one worker thread.
 */
final class TimedBuffer {

    private long[] timestamps;
    private Object[] items;
    private int size;

    TimedBuffer() {
        this(4);
    }

    TimedBuffer(int capacity) {
        timestamps = new long[Math.max(1, capacity)];
        items = new Object[Math.max(1, capacity)];
    }

    void add(long timestamp, Object item) {
        if (size == items.length) {
            int n = size * 2;
            timestamps = Arrays.copyOf(timestamps, n);
            items = Arrays.copyOf(items, n);
        }
        timestamps[size] = timestamp;
        items[size] = item;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    Object item(int i) {
        return items[i];
    }

    /** The smallest timestamp held, {@link Long#MAX_VALUE} when empty. */
    long minTimestamp() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, timestamps[i]);
        }
        return min;
    }

    /** Removes every item with a timestamp below {@code limit}, keeping the others in order. */
    void removeOlderThan(long limit) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (timestamps[i] >= limit) {
                timestamps[kept] = timestamps[i];
                items[kept] = items[i];
                kept++;
            }
        }
        Arrays.fill(items, kept, size, null);
        size = kept;
    }
}
