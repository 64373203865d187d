package io.sluice.api.window;

import java.time.Duration;

/**
 * The event-time windows: {@link #tumbling}, {@link #sliding} and {@link #session}. Each returns a
 * {@link WindowDefinition} whose options (offset, allowed lateness, early results) can be set before it is
 * handed to {@link io.sluice.api.KeyedStream#window} or {@link io.sluice.api.Stream#windowAll}:
 *
 * <pre>{@code
 * bids.keyBy(Bid::auction)
 *     .window(Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(2)).allowedLateness(Duration.ofSeconds(1)))
 *     .aggregate(Aggregations.counting());
 * }</pre>
 *
 * Durations are whole milliseconds of event time. See {@link WindowDefinition} for when windows fire and how
 * late events are treated.
 */
public final class Windows {

    private Windows() {
    }

    /** Non-overlapping windows {@code [k·size, (k+1)·size)} aligned to the epoch. */
    public static WindowDefinition tumbling(Duration size) {
        return WindowDefinition.tumbling(size);
    }

    /**
     * Windows of {@code size} starting every {@code slide} ({@code slide ≤ size}), aligned to the epoch; an
     * event belongs to {@code size / slide} windows. Aggregation is incremental per slice of
     * {@code gcd(size, slide)}: each event is folded into one slice accumulator, and a window's result combines
     * its slices when it fires.
     */
    public static WindowDefinition sliding(Duration size, Duration slide) {
        return WindowDefinition.sliding(size, slide);
    }

    /**
     * Sessions per key: an event at most {@code gap} after the session's last event extends it; an event that
     * fills the gap between two sessions merges them.
     */
    public static WindowDefinition session(Duration gap) {
        return WindowDefinition.session(gap);
    }
}
