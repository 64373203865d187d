package io.sluice.api.state;

/**
 * The context of {@link KeyedProcessFunction#onTimer}: the key that registered the timer is the current key,
 * and {@link #timestamp()} is the timer's timestamp.
 *
 * @param <K> the key type
 */
public interface TimerContext<K> extends ProcessContext<K> {

    /** Whether an event-time or a processing-time timer fired. */
    TimeDomain timeDomain();
}
