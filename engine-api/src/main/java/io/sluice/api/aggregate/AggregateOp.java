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
 * @param <T> input item type
 * @param <A> accumulator type
 * @param <R> result type
 */
public interface AggregateOp<T, A, R> {

    /** A new, empty accumulator. */
    A create();

    /** Folds {@code item} into {@code acc}; returns the accumulator to keep (often {@code acc} itself). */
    A accumulate(A acc, T item) throws Exception;

    /** Merges two accumulators; returns the merged one ({@code left} may be reused). */
    A combine(A left, A right);

    /** The result for the current accumulator. */
    R export(A acc);

    /** How accumulators are written to and read from snapshots. */
    Codec<A> accumulatorCodec();
}
