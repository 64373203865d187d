package io.sluice.api.join;

/**
 * Makes the output of one joined pair. Must not return {@code null} (filter afterwards to drop pairs).
 *
 * <p>Called on the worker thread that owns the join instance, one pair at a time; an instance is never called
 * concurrently, but the planner may share one instance between the parallel instances of the join, so keep it
 * free of mutable state. The arguments are only the function's to read: the join may still hold them in its
 * state and pair them again later, so do not change them. An exception fails the job, naming the join.
 *
 * @param <L> the left (this stream's) item type
 * @param <R> the right (other stream's) item type
 * @param <O> the output type
 */
@FunctionalInterface
public interface JoinFn<L, R, O> {

    /**
     * @param left  the left item
     * @param right the right item; {@code null} only in a left-outer stream–table join when the table holds
     *              no value for the key
     */
    O apply(L left, R right) throws Exception;
}
