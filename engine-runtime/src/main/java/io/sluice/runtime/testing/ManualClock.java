package io.sluice.runtime.testing;

import io.sluice.runtime.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test says so, for processing-time timers and idle timeouts. Safe to
 * advance from the test thread while workers read it.
 */
public final class ManualClock implements Clock {

    private final AtomicLong millis;

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Starts at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(1_767_225_600_000L);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long nanos() {
        return millis.get() * 1_000_000L;
    }

    /** Moves time forward. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + by);
        }
        millis.addAndGet(by.toMillis());
    }

    /** Sets the time; it must not go backwards. */
    public void set(long epochMillis) {
        long current = millis.get();
        if (epochMillis < current) {
            throw new IllegalArgumentException("time does not go backwards: " + epochMillis + " < " + current);
        }
        millis.set(epochMillis);
    }
}
