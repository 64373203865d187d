package io.sluice.api.window;

/**
 * The result of one window over a whole (not keyed) stream, from {@link AllWindowedStream#aggregate}.
 *
 * @param windowStart start of the window, epoch ms, inclusive (a session: its first event's time)
 * @param windowEnd   end of the window, epoch ms, exclusive (a session: its last event's time + the gap)
 * @param value       the aggregation's result
 * @param <R>         the result type
 */
public record AllWindowResult<R>(long windowStart, long windowEnd, R value) {
}
