package io.sluice.runtime.exec;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The watermarks of one alignment group (every aligned source instance of a job, see
 * {@link io.sluice.api.WatermarkPolicy#withAlignment}), shared by their worker threads without locks: each
 * instance writes only its own slot (release, when its watermark changes) and reads all slots (acquire)
 * before a read batch to decide whether it may read.
 *
 * <p>A slot holds what the instance holds the group at: {@link Long#MIN_VALUE} before its first watermark
 * (it holds everyone), its watermark while it reads, {@link #NOT_HOLDING} while it is idle and once it ended.
 */
final class WatermarkAlignment {

    /** An idle or finished instance: holds nobody back. */
    static final long NOT_HOLDING = Long.MAX_VALUE;

    /** Longs between two slots: 128 bytes, so no two writers share a cache line (nor an adjacent-line prefetch pair). */
    private static final int STRIDE = 16;

    private final AtomicLongArray slots;
    private final int instances;

    WatermarkAlignment(int instances) {
        this.instances = instances;
        // slot i at (i + 1) * STRIDE: padding before the first slot too, away from the array's header
        this.slots = new AtomicLongArray((instances + 2) * STRIDE);
        for (int i = 0; i < instances; i++) {
            slots.set(index(i), Long.MIN_VALUE);
        }
    }

    int instances() {
        return instances;
    }

    void publish(int instance, long holdsAt) {
        slots.setRelease(index(instance), holdsAt);
    }

    /** The lowest slot: the watermark the group waits for ({@link #NOT_HOLDING} when nobody holds it). */
    long minimum() {
        long min = NOT_HOLDING;
        for (int i = 0; i < instances; i++) {
            min = Math.min(min, slots.getAcquire(index(i)));
        }
        return min;
    }

    /**
     * The alignment rule: an instance at {@code watermark} may read while it is at most {@code maxDrift} ahead
     * of the group's {@code minimum}. An instance without a watermark yet is never ahead.
     */
    static boolean mayRead(long watermark, long minimum, long maxDrift) {
        return minimum > Long.MAX_VALUE - maxDrift || watermark <= minimum + maxDrift;
    }

    private static int index(int instance) {
        return (instance + 1) * STRIDE;
    }
}
