package io.sluice.api.state;

import io.sluice.api.function.Emitter;

/**
 * Low-level keyed processing with state and timers: the building block for anything the other stages do
 * not cover (custom windows, timeouts, joins with buffering, deduplication).
 *
 * <pre>{@code
 * final class CountPerPage implements KeyedProcessFunction<String, Click, PageCount> {
 *     static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");
 *
 *     public void open(StateDeclarations state) {
 *         state.declare(COUNT);
 *     }
 *
 *     public void processElement(Click click, ProcessContext<String> ctx, Emitter<PageCount> out) {
 *         long n = ctx.state(COUNT).add(1);
 *         if (n == 1) {
 *             ctx.timers().registerEventTimeTimer(click.ts() + 60_000);   // report a minute later
 *         }
 *     }
 *
 *     public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<PageCount> out) {
 *         out.emit(new PageCount(ctx.currentKey(), ctx.state(COUNT).get()));
 *         ctx.state(COUNT).clear();
 *     }
 * }
 * ... stream.keyBy(Click::page).process(new CountPerPage())
 * }</pre>
 *
 * <p><b>How it is called.</b> For every parallel instance of the stage: {@link #open} once, then, on that
 * instance's worker thread only, {@link #processElement} for every record and {@link #onTimer} for every
 * timer that fires, never concurrently. Before each call the runtime makes the record's (or timer's) key
 * the <i>current key</i>: state handles and timers then act on that key only.
 *
 * <p><b>Thread safety and state.</b> The planner shares one function object between the parallel instances
 * of the stage, so keep it free of mutable fields: all state lives in the handles of
 * {@link ProcessContext#state}, which the runtime keeps per key group, writes to snapshots with the declared
 * codecs and restores (also at another parallelism).
 *
 * <p><b>Output timestamps.</b> Items emitted in {@code processElement} carry the input record's timestamp;
 * in {@code onTimer} an event-time timer's output carries the timer's timestamp, a processing-time timer's
 * output the current watermark (so it is never late downstream).
 *
 * <p>Every method may throw; the job then fails with a message naming the stage.
 *
 * @param <K> the key type
 * @param <T> the input type
 * @param <R> the output type
 */
public interface KeyedProcessFunction<K, T, R> {

    /** Declares the state this function uses. Called once per instance before any record or restore. */
    default void open(StateDeclarations state) throws Exception {
    }

    /** Handles one record of the current key; emits zero or more items to {@code out}. */
    void processElement(T item, ProcessContext<K> ctx, Emitter<R> out) throws Exception;

    /** A timer of the current key fired at {@code timestamp}. The default does nothing. */
    default void onTimer(long timestamp, TimerContext<K> ctx, Emitter<R> out) throws Exception {
    }
}
