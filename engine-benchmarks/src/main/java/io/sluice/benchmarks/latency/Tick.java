package io.sluice.benchmarks.latency;

/**
 * One event of the open-loop source.
 *
 * @param key      the key, pre-boxed (so extracting it allocates nothing)
 * @param intended when the event was due, {@link System#nanoTime()} clock
 * @param ts       its event time, epoch milliseconds ({@link Schedule#eventTimeMillis})
 */
public record Tick(Long key, long intended, long ts) {
}
