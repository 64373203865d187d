package io.sluice.api.state;

/**
 * Registers and deletes the timers of the current key. When a timer fires, the runtime calls
 * {@link KeyedProcessFunction#onTimer} with the key that registered it.
 *
 * <p><b>Deduplicated:</b> a key has at most one timer per (timestamp, time domain); registering it again
 * does nothing. Timers are keyed state: they are part of snapshots and move with their key group when a
 * job is restored at another parallelism.
 *
 * <p><b>Event-time timers</b> fire once the watermark reaches their timestamp ({@code watermark >= timestamp}),
 * in timestamp order (timers with equal timestamps in the order they were registered). A timer registered
 * at or below the current watermark fires as soon as the current call returns. At the end of a bounded
 * input the final watermark ({@code Long.MAX_VALUE}) fires every remaining event-time timer, including those
 * registered while it fires: a function that re-arms a timer in every {@code onTimer} (a periodic report)
 * must stop doing so once {@code ctx.currentWatermark() == Long.MAX_VALUE}, or the stage never finishes.
 *
 * <p><b>Processing-time timers</b> fire once the worker clock reaches their timestamp, in timestamp order,
 * checked about once per millisecond between batches of records. They do <i>not</i> fire at the end of a
 * bounded input: the job ends without waiting for the clock.
 *
 * <p>Same threading rule as {@link State}: use it only during the call that received it.
 */
public interface Timers {

    /** A timer that fires when the watermark reaches {@code timestamp} (epoch ms). */
    void registerEventTimeTimer(long timestamp);

    /** Deletes the current key's event-time timer at {@code timestamp}, if there is one. */
    void deleteEventTimeTimer(long timestamp);

    /** A timer that fires when the worker clock reaches {@code timestamp} (epoch ms). */
    void registerProcessingTimeTimer(long timestamp);

    /** Deletes the current key's processing-time timer at {@code timestamp}, if there is one. */
    void deleteProcessingTimeTimer(long timestamp);
}
