package io.sluice.api.join;

import io.sluice.api.KeyedStream;
import io.sluice.api.Stream;
import io.sluice.api.codec.Codec;
import io.sluice.api.function.FilterFn;
import io.sluice.api.function.KeyFn;
import io.sluice.api.window.WindowDefinition;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Joins two keyed streams with the same key type: get one from {@link KeyedStream#join}, then pick the join.
 * The stream {@code join} was called on is the left side (input 0), its argument the right side (input 1).
 *
 * <pre>{@code
 * Stream<Q3Row> rows = persons.keyBy(Person::id)
 *         .join(auctions.keyBy(Auction::seller))
 *         .unbounded(UnboundedJoin.inner(Codecs.json(Person.class), Codecs.json(Auction.class)),
 *                    (person, auction) -> new Q3Row(person.name(), auction.id()));
 * }</pre>
 *
 * <table>
 *   <caption>The joins</caption>
 *   <tr><th>method</th><th>pairs</th><th>emitted</th><th>state kept until</th></tr>
 *   <tr><td>{@link #windowed}</td><td>both items in the same event-time window</td>
 *       <td>when the window fires (watermark reaches its end)</td><td>the window fires</td></tr>
 *   <tr><td>{@link #interval}</td><td>{@code a.ts - before <= b.ts <= a.ts + after}</td>
 *       <td>as soon as both items are there</td><td>the watermark rules out further matches</td></tr>
 *   <tr><td>{@link #withTable}</td><td>a stream item with the table's current value for its key</td>
 *       <td>when the stream item arrives</td><td>the table side: latest value per key, forever (or a delete)</td></tr>
 *   <tr><td>{@link #unbounded}</td><td>every pair, whichever arrives first</td>
 *       <td>as soon as both items are there</td><td>forever: see the warning on {@link UnboundedJoin}</td></tr>
 * </table>
 *
 * <p><b>Late items.</b> The event-time joins ({@code windowed}, {@code interval}) drop an item whose timestamp is
 * below the join's current watermark (the minimum over both inputs), as late: its matches may already have been
 * emitted or expired. The stream–table and unbounded joins are not bound to event time and drop nothing.
 *
 * <p><b>State.</b> Buffered items are kept per key in the instance that owns the key's key group and written to
 * snapshots with the codecs of the options object, so a join restores at another parallelism. Items of both
 * sides are partitioned by their own key function, which must give equal keys for items that should meet.
 *
 * <p>Not thread-safe: define a pipeline on one thread.
 *
 * @param <K> the key type
 * @param <L> the left item type
 * @param <R> the right item type
 */
public final class JoinBuilder<K, L, R> {

    private final KeyFn<Object, Object> leftKey;
    private final KeyFn<Object, Object> rightKey;
    private final BiFunction<JoinSpec, String, Stream<?>> stageFactory;

    /**
     * Made by {@link KeyedStream#join}; users start there.
     *
     * @param stageFactory adds the join stage (with both inputs) to the pipeline and returns its output stream
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public JoinBuilder(KeyFn<? super L, ? extends K> leftKey, KeyFn<? super R, ? extends K> rightKey,
                       BiFunction<JoinSpec, String, Stream<?>> stageFactory) {
        this.leftKey = (KeyFn) Objects.requireNonNull(leftKey, "leftKey");
        this.rightKey = (KeyFn) Objects.requireNonNull(rightKey, "rightKey");
        this.stageFactory = Objects.requireNonNull(stageFactory, "stageFactory");
    }

    /**
     * Windowed join: for every window and key, every pair (left, right) of items in that window, emitted when the
     * window fires, with the timestamp {@code windowEnd - 1}. Within a firing, windows come in order of their end,
     * pairs in the arrival order of their left, then right item.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <O> Stream<O> windowed(WindowJoin<L, R> options, WindowJoinFn<? super L, ? super R, ? extends O> fn) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fn, "fn");
        WindowDefinition w = options.windows();
        return add(new JoinSpec.Windowed(leftKey, rightKey, w.sizeMillis(), w.slideMillis(), w.offsetMillis(),
                options.isSemi(), (Codec) options.leftCodec(),
                (Codec) options.rightCodec(), (WindowJoinFn) fn), "window-join");
    }

    /**
     * Interval join: each left item {@code a} with every right item {@code b} of its key such that
     * {@code a.ts - before <= b.ts <= a.ts + after}, emitted as soon as the second of the two arrives, with the
     * later of their timestamps. An item is kept until the watermark makes further matches impossible.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <O> Stream<O> interval(IntervalJoin<L, R> options, JoinFn<? super L, ? super R, ? extends O> fn) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fn, "fn");
        return add(new JoinSpec.Interval(leftKey, rightKey, options.lowerMillis(), options.upperMillis(),
                (Codec) options.leftCodec(), (Codec) options.rightCodec(),
                (JoinFn) fn), "interval-join");
    }

    /**
     * Stream–table join: the right side is a changelog (latest item per key), and each left item is joined with
     * the current value of its key when it arrives, with the left item's timestamp. Inner or left-outer as the
     * options say; see {@link TableJoin} for deletes and timing.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <O> Stream<O> withTable(TableJoin<R> options, JoinFn<? super L, ? super R, ? extends O> fn) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fn, "fn");
        return add(new JoinSpec.Table(leftKey, rightKey, options.isLeftOuter(), (FilterFn) options.isDelete(),
                (Codec) options.tableCodec(), (JoinFn) fn), "table-join");
    }

    /**
     * Unbounded symmetric inner join: every left item with every right item of its key, whichever arrives first,
     * emitted as soon as the second arrives. <b>Its state grows without bound</b> unless one side has unique keys
     * and the other few items per key: see {@link UnboundedJoin}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <O> Stream<O> unbounded(UnboundedJoin<L, R> options, JoinFn<? super L, ? super R, ? extends O> fn) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(fn, "fn");
        return add(new JoinSpec.Unbounded(leftKey, rightKey, (Codec) options.leftCodec(),
                (Codec) options.rightCodec(), (JoinFn) fn), "unbounded-join");
    }

    @SuppressWarnings("unchecked")
    private <O> Stream<O> add(JoinSpec spec, String name) {
        return (Stream<O>) stageFactory.apply(spec, name);
    }
}
