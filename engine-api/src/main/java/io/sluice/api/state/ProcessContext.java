package io.sluice.api.state;

/**
 * What a {@link KeyedProcessFunction} sees while it handles a record: the current key, time, timers and the
 * key's state. Valid only during the call that received it (the runtime reuses one instance).
 *
 * @param <K> the key type
 */
public interface ProcessContext<K> {

    /** The key of the record (or of the timer) being processed. */
    K currentKey();

    /**
     * The event time of the record being processed (epoch ms), or {@code Long.MIN_VALUE} when the stream has
     * no event time. In {@code onTimer}: the timer's timestamp.
     */
    long timestamp();

    /**
     * The stage's current watermark: a record with a timestamp below it is late. {@code Long.MIN_VALUE}
     * before the first watermark, also right after a restore (the watermark is not part of a snapshot; the
     * inputs send a new one as they resume).
     */
    long currentWatermark();

    /** The worker clock, epoch ms. */
    long currentProcessingTime();

    /** The current key's timers. */
    Timers timers();

    /**
     * The handle of a state declared in {@link KeyedProcessFunction#open}, scoped to the current key. Cheap
     * (a scan of the few declared descriptors, no allocation): call it on every use rather than keeping it.
     *
     * @throws IllegalArgumentException if the descriptor was not declared
     */
    <S extends State> S state(StateDescriptor<S> descriptor);
}
