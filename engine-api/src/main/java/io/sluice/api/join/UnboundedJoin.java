package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import java.util.Objects;

/**
 * Options of an unbounded symmetric inner join ({@link JoinBuilder#unbounded}): every left item is joined with
 * every right item of the same key, whichever arrives first, with no time bound.
 *
 * <p><b>Warning: state grows without bound.</b> Every item of both sides is kept for as long as the job runs,
 * since a matching item may still arrive. Use it only when the inputs are bounded, or when the number of items
 * per key is (e.g. one side has unique keys, like persons by id, and the other side's items per key are few);
 * prefer a {@linkplain WindowJoin windowed} or {@linkplain IntervalJoin interval} join when the match is bounded
 * in time.
 *
 * <p><b>Time.</b> The result does not depend on event time or arrival order: the output is the same multiset of
 * pairs however the items interleave. Nothing is late and nothing is dropped. An output carries the later of the
 * two items' timestamps.
 *
 * <p>Immutable.
 *
 * @param <L> the left item type
 * @param <R> the right item type
 */
public final class UnboundedJoin<L, R> {

    private final Codec<L> leftCodec;
    private final Codec<R> rightCodec;

    private UnboundedJoin(Codec<L> leftCodec, Codec<R> rightCodec) {
        this.leftCodec = Objects.requireNonNull(leftCodec, "leftCodec");
        this.rightCodec = Objects.requireNonNull(rightCodec, "rightCodec");
    }

    /**
     * @param leftCodec  writes the kept left items to snapshots
     * @param rightCodec writes the kept right items to snapshots
     */
    public static <L, R> UnboundedJoin<L, R> inner(Codec<L> leftCodec, Codec<R> rightCodec) {
        return new UnboundedJoin<>(leftCodec, rightCodec);
    }

    public Codec<L> leftCodec() {
        return leftCodec;
    }

    public Codec<R> rightCodec() {
        return rightCodec;
    }

    @Override
    public String toString() {
        return "unbounded inner";
    }
}
