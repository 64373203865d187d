package io.sluice.connectors.gen;

import java.util.function.LongSupplier;

/**
 * Paces a generator reader against the wall clock: event {@code i} is due {@code (i - first) / rate} seconds
 * after the first call, where {@code first} is the lowest index the reader had then. As the rate is global
 * and each instance only makes every {@code P}-th index, each instance runs at {@code rate / P}.
 *
 * <p>The reader never waits: it emits what is due and reports {@code NOTHING_AVAILABLE} when it is ahead. If
 * the downstream was slow, what fell behind schedule is emitted as fast as it can be taken (open-loop load,
 * as latency measurements need). Not thread-safe; owned by one reader.
 */
final class Throttle {

    private final double eventsPerNano;
    private final LongSupplier nanoClock;
    private boolean started;
    private long startNanos;
    private long startIndex;

    Throttle(long eventsPerSecond, LongSupplier nanoClock) {
        this.eventsPerNano = eventsPerSecond / 1e9;
        this.nanoClock = nanoClock;
    }

    /**
     * The highest global index due now (inclusive). The first call starts the schedule at {@code firstIndex}.
     */
    long dueIndex(long firstIndex) {
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            startNanos = now;
            startIndex = firstIndex;
        }
        double due = (now - startNanos) * eventsPerNano;
        return due >= Long.MAX_VALUE - startIndex ? Long.MAX_VALUE : startIndex + (long) due;
    }
}
