package io.sluice.api.window;

/**
 * The result of one window of a keyed stream.
 *
 * @param key         the key
 * @param windowStart start of the window, epoch ms, inclusive (a session: its first event's time)
 * @param windowEnd   end of the window, epoch ms, exclusive (a session: its last event's time + the gap)
 * @param value       the aggregation's result
 * @param <K>         the key type
 * @param <R>         the result type
 */
public record WindowResult<K, R>(K key, long windowStart, long windowEnd, R value) {
}
