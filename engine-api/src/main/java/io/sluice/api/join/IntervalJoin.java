package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of an interval join ({@link JoinBuilder#interval}): a left item {@code a} and a right item {@code b}
 * of the same key are joined when {@code a.ts - before <= b.ts <= a.ts + after} (both bounds inclusive).
 * {@code before} or {@code after} may be negative to move the interval wholly after or before {@code a}, as
 * long as it is not empty.
 *
 * <p>Both sides are buffered until the watermark makes further matches impossible, so the options carry the
 * codecs that write buffered items to snapshots. Immutable.
 *
 * @param <L> the left item type
 * @param <R> the right item type
 */
public final class IntervalJoin<L, R> {

    private final long lowerMillis;
    private final long upperMillis;
    private final Codec<L> leftCodec;
    private final Codec<R> rightCodec;

    private IntervalJoin(long lowerMillis, long upperMillis, Codec<L> leftCodec, Codec<R> rightCodec) {
        this.lowerMillis = lowerMillis;
        this.upperMillis = upperMillis;
        this.leftCodec = Objects.requireNonNull(leftCodec, "leftCodec");
        this.rightCodec = Objects.requireNonNull(rightCodec, "rightCodec");
    }

    /**
     * Joins {@code a} with every {@code b} whose timestamp is within {@code [a.ts - before, a.ts + after]}.
     *
     * @param leftCodec  writes buffered left items to snapshots
     * @param rightCodec writes buffered right items to snapshots
     */
    public static <L, R> IntervalJoin<L, R> within(Duration before, Duration after, Codec<L> leftCodec,
                                                    Codec<R> rightCodec) {
        long lower = -wholeMillis(before, "before");
        long upper = wholeMillis(after, "after");
        if (lower > upper) {
            throw new IllegalArgumentException("the interval [a.ts - " + before + ", a.ts + " + after + "] is empty");
        }
        return new IntervalJoin<>(lower, upper, leftCodec, rightCodec);
    }

    /** {@code b.ts - a.ts} of the earliest right item a left item joins, ms (the negated {@code before}). */
    public long lowerMillis() {
        return lowerMillis;
    }

    /** {@code b.ts - a.ts} of the latest right item a left item joins, ms ({@code after}). */
    public long upperMillis() {
        return upperMillis;
    }

    public Codec<L> leftCodec() {
        return leftCodec;
    }

    public Codec<R> rightCodec() {
        return rightCodec;
    }

    private static long wholeMillis(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be a whole number of milliseconds: " + d);
        }
        return d.toMillis();
    }

    @Override
    public String toString() {
        return "interval[" + lowerMillis + "ms, +" + upperMillis + "ms]";
    }
}
