package io.sluice.api.window;

import io.sluice.api.KeyedStream;
import io.sluice.api.Stream;
import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.transform.WindowAggregation;
import java.util.Objects;

/**
 * A keyed stream grouped into event-time windows, from {@link KeyedStream#window}. Aggregate it once; the
 * events the aggregation found too late are available as a stream of their own:
 *
 * <pre>{@code
 * WindowedStream<Long, Bid> windowed = bids.keyBy(Bid::auction).window(Windows.tumbling(Duration.ofSeconds(10)));
 * Stream<WindowResult<Long, Long>> counts = windowed.aggregate(Aggregations.counting());
 * windowed.lateEvents().sink(params.sink("late", Codecs.json(Bid.class)));
 * }</pre>
 *
 * <p>Aggregation is incremental: each event is folded once into one accumulator (per window, or per slice of
 * a sliding window), which lives in keyed state per key group, so it is snapshotted and can be restored at
 * another parallelism. When results come out and what is late: see {@link WindowDefinition}. When the window runs
 * behind a queue (more than one instance), tumbling and sliding windows without early results are aggregated in
 * two stages: each producing instance first folds its items into per-key slice accumulators, and only those
 * cross to the window's instances; the results are the same.
 *
 * <p>Not thread-safe: define a pipeline on one thread.
 *
 * @param <K> the key type
 * @param <T> the item type
 */
public final class WindowedStream<K, T> {

    private final KeyFn<Object, Object> keyFn;
    private final WindowDefinition definition;
    private final WindowStages stages;

    /**
     * Made by {@link KeyedStream#window}; users start there.
     *
     * @param input  the transform whose items are windowed
     * @param stages adds the window stages to the pipeline
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public WindowedStream(Transform input, KeyFn<? super T, ? extends K> keyFn, WindowDefinition definition,
                          StageFactory stages) {
        this.keyFn = (KeyFn) Objects.requireNonNull(keyFn, "keyFn");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.stages = new WindowStages(Objects.requireNonNull(input, "input"), stages);
    }

    public WindowDefinition definition() {
        return definition;
    }

    /**
     * Aggregates every window of every key with {@code op} and emits one {@link WindowResult} per window when
     * it fires (plus early and late updates when the definition asks for them). A windowed stream aggregates
     * once: combine several results with {@link io.sluice.api.aggregate.Aggregations#allOf}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A, R> Stream<WindowResult<K, R>> aggregate(AggregateOp<? super T, A, ? extends R> op) {
        Objects.requireNonNull(op, "op");
        WindowAggregation aggregation = new WindowAggregation(keyFn, definition, (AggregateOp) op,
                (key, start, end, result) -> new WindowResult<>(key, start, end, result));
        return (Stream) stages.aggregate(Kind.WINDOW_AGGREGATE, aggregation);
    }

    /**
     * The events that {@link #aggregate} rejected as late (timestamp below the watermark minus the allowed
     * lateness), unchanged and with their own timestamps. Call after {@code aggregate}; every call returns the
     * same stream. Without this stream late events are dropped, and counted in the window operator's
     * {@code lateRecords} metric either way.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Stream<T> lateEvents() {
        return (Stream) stages.lateEvents();
    }
}
