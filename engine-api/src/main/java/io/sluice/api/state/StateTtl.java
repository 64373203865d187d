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
 * <p><b>Event time</b> ({@link #eventTime}). "Now" is the stage's event time: the greater of the current
 * watermark and the timestamp being processed (the record's in {@code processElement}, an event-time timer's
 * in {@code onTimer}). A value written at {@code now} expires at {@code now + ttl} (a later write never moves
 * the expiry backwards); it is invisible from the moment {@code now >= expiry} (so a record exactly
 * {@code ttl} after the last write no longer sees it), and it is removed from memory and snapshots when the
 * watermark reaches the expiry, whether or not it is read again. A write when there is no event time at all
 * (no timestamp, no watermark yet) fails: use processing time there. Event-time expiry is deterministic for
 * records that are not late: a replay expires the same values at the same records. (The watermark is not
 * part of a snapshot: right after a restore it is unknown until the inputs send one.)
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
