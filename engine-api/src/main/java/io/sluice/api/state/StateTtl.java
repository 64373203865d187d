package io.sluice.api.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a key's state lives after its last write, in event time or processing time (option object of
 * {@link StateDescriptor#withTtl}).
 *
 * <p><b>What counts as a write:</b> every mutation of the key's value ({@code set}, {@code add},
 * {@code put}, {@code remove}, {@code update}); reads do not refresh it. A map or list expires as a whole.
 *
 * <p><b>Event time</b> ({@link #eventTime}). A write happens at the event time being processed: the record's
 * timestamp in {@code processElement}, the timer's timestamp in {@code onTimer}. The value then expires at
 * {@code writeTime + ttl} (a later write never moves the expiry backwards). It is invisible as soon as the
 * event time of the stage reaches the expiry, where the event time is the greater of the current watermark
 * and the timestamp being processed, and it is removed from memory (and snapshots) at the latest when the
 * watermark reaches the expiry. A write in a record without event time fails: use processing time there.
 * Event-time expiry is deterministic: a replay expires the same values at the same records.
 *
 * <p><b>Processing time</b> ({@link #processingTime}). A write happens at the worker clock's current time;
 * the value is invisible once the clock reaches {@code writeTime + ttl} and is removed shortly after.
 *
 * <p>Immutable.
 */
public final class StateTtl {

    private final TimeDomain timeDomain;
    private final Duration ttl;

    private StateTtl(TimeDomain timeDomain, Duration ttl) {
        this.timeDomain = timeDomain;
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a state time-to-live must be positive: " + ttl);
        }
        this.ttl = ttl;
    }

    /** State expires {@code ttl} of event time after its last write. */
    public static StateTtl eventTime(Duration ttl) {
        return new StateTtl(TimeDomain.EVENT_TIME, ttl);
    }

    /** State expires {@code ttl} of processing time (the worker's clock) after its last write. */
    public static StateTtl processingTime(Duration ttl) {
        return new StateTtl(TimeDomain.PROCESSING_TIME, ttl);
    }

    public TimeDomain timeDomain() {
        return timeDomain;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The time-to-live in milliseconds. */
    public long millis() {
        return ttl.toMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateTtl other && other.timeDomain == timeDomain && other.ttl.equals(ttl);
    }

    @Override
    public int hashCode() {
        return timeDomain.hashCode() * 31 + ttl.hashCode();
    }

    @Override
    public String toString() {
        return (timeDomain == TimeDomain.EVENT_TIME ? "event-time" : "processing-time") + " ttl " + ttl.toMillis() + "ms";
    }
}
