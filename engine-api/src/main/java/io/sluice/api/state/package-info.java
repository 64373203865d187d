/**
 * Keyed state and timers: {@link io.sluice.api.state.KeyedProcessFunction} (used through
 * {@link io.sluice.api.KeyedStream#process}), the state it declares with
 * {@link io.sluice.api.state.StateDescriptor}s ({@link io.sluice.api.state.ValueState},
 * {@link io.sluice.api.state.LongValueState}, {@link io.sluice.api.state.MapState},
 * {@link io.sluice.api.state.ListState}), optional {@link io.sluice.api.state.StateTtl time-to-live}, and
 * event-time and processing-time {@link io.sluice.api.state.Timers}.
 *
 * <p>State is kept per key group of the stage's keys, with explicit codecs, so a checkpoint can restore it at
 * another parallelism. Everything here is used on the worker thread that runs the stage instance.
 */
package io.sluice.api.state;
