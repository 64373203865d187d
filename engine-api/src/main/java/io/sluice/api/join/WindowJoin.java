package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import io.sluice.api.window.WindowDefinition;
import java.util.Objects;

/**
 * Options of a windowed join ({@link JoinBuilder#windowed}): both items of a pair fall into the same event-time
 * window of the same key. The windows are {@linkplain io.sluice.api.window.Windows#tumbling tumbling} or
 * {@linkplain io.sluice.api.window.Windows#sliding sliding} ones, aligned to the epoch (plus their offset): a window
 * {@code [start, end)} holds every item with {@code start <= timestamp < end} and fires once the watermark reaches
 * {@code end}. A pair is joined once in every window that holds both of its items.
 *
 * <pre>{@code
 * WindowJoin.of(Windows.tumbling(Duration.ofSeconds(10)), Codecs.json(Person.class), Codecs.json(Auction.class))
 * }</pre>
 *
 * <p>Both sides are buffered until their window fires, so the options carry the codecs that write the buffered
 * items to snapshots. Session windows, allowed lateness and early results are not offered for joins: an item
 * behind the join's watermark is late and dropped. Immutable.
 *
 * @param <L> the left item type
 * @param <R> the right item type
 */
public final class WindowJoin<L, R> {

    private final WindowDefinition windows;
    private final boolean semi;
    private final Codec<L> leftCodec;
    private final Codec<R> rightCodec;

    private WindowJoin(WindowDefinition windows, boolean semi, Codec<L> leftCodec, Codec<R> rightCodec) {
        this.windows = windows;
        this.semi = semi;
        this.leftCodec = Objects.requireNonNull(leftCodec, "leftCodec");
        this.rightCodec = Objects.requireNonNull(rightCodec, "rightCodec");
    }

    /**
     * Joins within {@code windows}, tumbling or sliding (with any offset).
     *
     * @param leftCodec  writes buffered left items to snapshots
     * @param rightCodec writes buffered right items to snapshots
     * @throws IllegalArgumentException for session windows, allowed lateness or early results
     */
    public static <L, R> WindowJoin<L, R> of(WindowDefinition windows, Codec<L> leftCodec, Codec<R> rightCodec) {
        Objects.requireNonNull(windows, "windows");
        if (windows.kind() == WindowDefinition.Kind.SESSION) {
            throw new IllegalArgumentException("a windowed join takes tumbling or sliding windows, not " + windows);
        }
        if (windows.allowedLatenessMillis() != 0 || windows.earlyResultsMillis() != 0
                || windows.earlyResultsProcessingTimeMillis() != 0) {
            throw new IllegalArgumentException("a windowed join has no allowed lateness or early results: " + windows);
        }
        return new WindowJoin<>(windows, false, leftCodec, rightCodec);
    }

    /**
     * A left semi join: instead of every pair, each left item is emitted once per window in which the right side
     * has at least one item of its key; the join function gets the first such right item (in arrival order).
     * Only that one right item is buffered per key and window.
     */
    public WindowJoin<L, R> semi() {
        return new WindowJoin<>(windows, true, leftCodec, rightCodec);
    }

    /** The windows. */
    public WindowDefinition windows() {
        return windows;
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

    @Override
    public String toString() {
        return windows + (semi ? ", semi" : "");
    }
}
