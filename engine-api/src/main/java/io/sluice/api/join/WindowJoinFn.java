package io.sluice.api.join;

/**
 * Makes the output of one pair of a windowed join, knowing the window it was found in. Same contract as
 * {@link JoinFn}: no {@code null} result, no mutable state, do not change the arguments.
 *
 * @param <L> the left item type
 * @param <R> the right item type
 * @param <O> the output type
 */
@FunctionalInterface
public interface WindowJoinFn<L, R, O> {

    /**
     * @param windowStart the window's first millisecond (inclusive), epoch ms
     * @param windowEnd   the window's end (exclusive), epoch ms
     * @param left        the left item
     * @param right       the right item
     */
    O apply(long windowStart, long windowEnd, L left, R right) throws Exception;
}
