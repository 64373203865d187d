package io.sluice.connectors.gen;

/**
 * The event-time scheme of the generators: event {@code i} happens {@code i / eventsPerSecond} seconds after
 * a fixed epoch, computed in microseconds so that the spacing is exact for any rate (no drift from rounding
 * a per-event interval to milliseconds). Immutable.
 */
final class EventTime {

    /** 2026-01-01T00:00:00Z: a fixed origin so that runs are reproducible. */
    static final long BASE_EPOCH_MILLIS = 1_767_225_600_000L;

    /** Event-time spacing when no {@code rate} is given. */
    static final long DEFAULT_EVENTS_PER_SECOND = 10_000;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final long eventsPerSecond;
    /** The exact per-event interval when the rate divides a second into whole microseconds, else 0. */
    private final long microsPerEvent;

    EventTime(long eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("eventsPerSecond must be positive: " + eventsPerSecond);
        }
        this.eventsPerSecond = eventsPerSecond;
        this.microsPerEvent = MICROS_PER_SECOND % eventsPerSecond == 0 ? MICROS_PER_SECOND / eventsPerSecond : 0;
    }

    /** Microseconds from the epoch origin to event {@code index}. */
    long offsetMicros(long index) {
        if (microsPerEvent != 0) {
            return index * microsPerEvent;
        }
        // Split so that the multiplication cannot overflow for any index (eventsPerSecond is capped).
        return index / eventsPerSecond * MICROS_PER_SECOND + index % eventsPerSecond * MICROS_PER_SECOND / eventsPerSecond;
    }

    /** The undelayed event time of event {@code index}, epoch milliseconds. */
    long millis(long index) {
        return BASE_EPOCH_MILLIS + offsetMicros(index) / 1000;
    }

    /** How much event time {@code events} consecutive events span, milliseconds. */
    long spanMillis(long events) {
        return offsetMicros(events) / 1000;
    }

    long eventsPerSecond() {
        return eventsPerSecond;
    }
}
