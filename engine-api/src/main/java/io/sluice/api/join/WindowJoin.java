package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a windowed join ({@link JoinBuilder#windowed}): both items of a pair fall into the same event-time
 * window of the same key. Windows are aligned to the epoch; a window {@code [start, end)} holds every item
 * with {@code start <= timestamp < end}, and fires once the watermark reaches {@code end}.
 *
 * <p>Both sides are buffered until their window fires, so the options carry the codecs that write the buffered
 * items to snapshots. Immutable.
 *
 * @param <L> the left item type
 * @param <R> the right item type
 */
public final class WindowJoin<L, R> {

    private final long sizeMillis;
    private final long slideMillis;
    private final boolean semi;
    private final Codec<L> leftCodec;
    private final Codec<R> rightCodec;

    private WindowJoin(long sizeMillis, long slideMillis, boolean semi, Codec<L> leftCodec, Codec<R> rightCodec) {
        this.sizeMillis = sizeMillis;
        this.slideMillis = slideMillis;
        this.semi = semi;
        this.leftCodec = Objects.requireNonNull(leftCodec, "leftCodec");
        this.rightCodec = Objects.requireNonNull(rightCodec, "rightCodec");
    }

    /**
     * Tumbling windows of {@code size}: every item is in exactly one window, {@code [t - t mod size, ... + size)}.
     *
     * @param leftCodec  writes buffered left items to snapshots
     * @param rightCodec writes buffered right items to snapshots
     */
    public static <L, R> WindowJoin<L, R> tumbling(Duration size, Codec<L> leftCodec, Codec<R> rightCodec) {
        long s = millis(size, "size");
        return new WindowJoin<>(s, s, false, leftCodec, rightCodec);
    }

    /**
     * Sliding windows of {@code size}, one starting every {@code slide} ({@code slide <= size}): an item is in
     * {@code size / slide} windows, and a pair is joined once in every window that holds both items.
     */
    public static <L, R> WindowJoin<L, R> sliding(Duration size, Duration slide, Codec<L> leftCodec,
                                                   Codec<R> rightCodec) {
        long s = millis(size, "size");
        long sl = millis(slide, "slide");
        if (sl > s) {
            throw new IllegalArgumentException("slide " + slide + " must not exceed size " + size);
        }
        return new WindowJoin<>(s, sl, false, leftCodec, rightCodec);
    }

    /**
     * A left semi join: instead of every pair, each left item is emitted once per window in which the right side
     * has at least one item of its key; the join function gets the first such right item (in arrival order).
     * Only that one right item is buffered per key and window.
     */
    public WindowJoin<L, R> semi() {
        return new WindowJoin<>(sizeMillis, slideMillis, true, leftCodec, rightCodec);
    }

    public long sizeMillis() {
        return sizeMillis;
    }

    /** Equal to {@link #sizeMillis()} for tumbling windows. */
    public long slideMillis() {
        return slideMillis;
    }

    public boolean isSemi() {
        return semi;
    }

    public Codec<L> leftCodec() {
        return leftCodec;
    }

    public Codec<R> rightCodec() {
        return rightCodec;
    }

    private static long millis(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero() || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("window " + what + " must be a positive whole number of milliseconds: " + d);
        }
        return d.toMillis();
    }

    @Override
    public String toString() {
        return (sizeMillis == slideMillis ? "tumbling(" + sizeMillis + "ms)" : "sliding(" + sizeMillis + "ms, "
                + slideMillis + "ms)") + (semi ? ", semi" : "");
    }
}
