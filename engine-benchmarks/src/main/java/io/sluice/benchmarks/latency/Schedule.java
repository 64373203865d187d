package io.sluice.benchmarks.latency;

/**
 * When the events of an open-loop run are due: event {@code i} at {@code origin + i * 10^9 / rate} nanoseconds
 * on {@link System#nanoTime()}'s clock, where the origin is the moment the source opened. Event time is the same
 * clock in epoch-aligned milliseconds: {@link #BASE_MILLIS} at the origin, so a window end in event time maps back
 * to the instant it passed ({@link #nanosAt}).
 *
 * <p>The origin is written once by the source's reader and read by the sink's writer; both run on the job's one
 * worker thread, and the volatile makes the runner's reads after the job safe too.
 */
public final class Schedule {

    /** Event time at the origin: 2026-01-01T00:00:00Z, a multiple of every window size used. */
    public static final long BASE_MILLIS = 1_767_225_600_000L;

    private final long rate;
    private volatile long origin;

    public Schedule(long ratePerSecond) {
        if (ratePerSecond < 1 || ratePerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("rate must be between 1 and 10^9 events/s: " + ratePerSecond);
        }
        this.rate = ratePerSecond;
    }

    public long rate() {
        return rate;
    }

    public void start(long originNanos) {
        origin = originNanos;
    }

    public long origin() {
        return origin;
    }

    /**
     * The intended send time of event {@code index}: {@code index / rate} seconds after the origin, rounded up to
     * the nanosecond, so that the event is due ({@link #dueCount}) exactly from that instant on.
     */
    public long intendedNanos(long index) {
        long fraction = index % rate * 1_000_000_000L;
        return origin + index / rate * 1_000_000_000L + (fraction + rate - 1) / rate;
    }

    /** How many events are due at {@code nowNanos} (events {@code 0 .. n-1}). */
    public long dueCount(long nowNanos) {
        long elapsed = nowNanos - origin;
        if (elapsed < 0) {
            return 0;
        }
        return elapsed / 1_000_000_000L * rate + (elapsed % 1_000_000_000L) * rate / 1_000_000_000L + 1;
    }

    /** The event time of an instant: milliseconds since the origin, plus {@link #BASE_MILLIS}. */
    long eventTimeMillis(long nanos) {
        return BASE_MILLIS + (nanos - origin) / 1_000_000L;
    }

    /** The instant at which event time reached {@code millis}. */
    public long nanosAt(long millis) {
        return origin + (millis - BASE_MILLIS) * 1_000_000L;
    }
}
