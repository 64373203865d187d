package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;

/**
 * An incremental aggregation: every item is folded into an accumulator once; partial accumulators can be
 * combined; the result is exported from the accumulator.
 *
 * <p>Accumulators may be mutable ({@link #accumulate} updates and returns the same object: no allocation
 * per item) or immutable (it returns a new one). The runtime owns an accumulator once created and calls
 * these methods from one worker thread at a time; {@link #export} must not keep a reference that a later
 * {@code accumulate} would change. Accumulators go into snapshots through {@link #accumulatorCodec()}.
 *
 * <p><b>How the methods are called.</b> The runtime creates an accumulator when the first item of a key (or
 * window, slice, pane) arrives, so it exports only accumulators that saw at least one item. Windows combine
 * partial accumulators: a sliding window combines the accumulators of its slices, parallel partials are
 * combined into one, and the same slice accumulator may be combined into several windows. Hence:
 * <ul>
 *   <li>{@code combine} must be associative, and combining, in order, the accumulators of consecutive parts
 *       of a sequence must give the result of accumulating the whole sequence;</li>
 *   <li>{@code combine(left, right)} must not change {@code right}, and the accumulator it returns must not
 *       share mutable state with {@code right};</li>
 *   <li>an accumulator decoded from a snapshot must behave exactly like the one encoded, so a job restored
 *       mid-window ends with the results of one that never stopped.</li>
 * </ul>
 * The standard operations in {@link Aggregations} keep all of these and document their tie rules.
 *
 * @param <T> input item type
 * @param <A> accumulator type
 * @param <R> result type
 */
public interface AggregateOp<T, A, R> {

    /** A new, empty accumulator. */
    A create();

    /** Folds {@code item} into {@code acc}; returns the accumulator to keep (often {@code acc} itself). */
    A accumulate(A acc, T item) throws Exception;

    /**
     * Merges two accumulators, {@code left} holding the earlier items; returns the merged one ({@code left}
     * may be reused, {@code right} must stay unchanged).
     */
    A combine(A left, A right);

    /** The result for the current accumulator, not to be changed by later calls on it. */
    R export(A acc);

    /** How accumulators are written to and read from snapshots. */
    Codec<A> accumulatorCodec();
}
