package io.sluice.api;

import io.sluice.api.connector.Sink;
import io.sluice.api.function.FilterFn;
import io.sluice.api.function.FlatMapFn;
import io.sluice.api.function.KeyFn;
import io.sluice.api.function.MapFn;
import io.sluice.api.function.PeekFn;
import io.sluice.api.transform.Deduplication;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.window.AllWindowedStream;
import io.sluice.api.window.WindowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed stream of items in a {@link Pipeline}. Each method adds a stage and returns the stream after it;
 * nothing runs until the pipeline is submitted.
 *
 * <p>Consecutive stateless one-to-one stages ({@code map}, {@code filter}, {@code flatMap}, {@code peek})
 * are fused by the planner into one chain that runs as a single loop with no queue between them, so
 * splitting logic into small stages costs nothing. {@link #keyBy} and {@link #rebalance} introduce a
 * repartitioning edge. Not thread-safe: define a pipeline on one thread.
 *
 * @param <T> the item type
 */
public final class Stream<T> extends Stage<Stream<T>> {

    Stream(Pipeline pipeline, Transform transform) {
        super(pipeline, transform);
    }

    /** Transforms every item. */
    public <R> Stream<R> map(MapFn<? super T, ? extends R> fn) {
        return next(Kind.MAP, Objects.requireNonNull(fn, "fn"));
    }

    /** Keeps the items for which {@code fn} is true. */
    public Stream<T> filter(FilterFn<? super T> fn) {
        return next(Kind.FILTER, Objects.requireNonNull(fn, "fn"));
    }

    /** Replaces every item with zero or more items. */
    public <R> Stream<R> flatMap(FlatMapFn<? super T, ? extends R> fn) {
        return next(Kind.FLAT_MAP, Objects.requireNonNull(fn, "fn"));
    }

    /** Calls {@code fn} for every item and passes the item on unchanged. */
    public Stream<T> peek(PeekFn<? super T> fn) {
        return next(Kind.PEEK, Objects.requireNonNull(fn, "fn"));
    }

    /** Merges this stream with others of the same type; the order between the inputs is not defined. */
    @SafeVarargs
    public final Stream<T> union(Stream<? extends T>... others) {
        List<Transform> inputs = new ArrayList<>();
        inputs.add(transform);
        for (Stream<? extends T> other : others) {
            if (other.pipeline != pipeline) {
                throw new IllegalArgumentException("cannot union streams of different pipelines");
            }
            inputs.add(other.transform);
        }
        return new Stream<>(pipeline, pipeline.add(Kind.UNION, inputs, null, "union"));
    }

    /** Spreads items round-robin over the next stage's instances, e.g. after a source of lower parallelism. */
    public Stream<T> rebalance() {
        return next(Kind.REBALANCE, null);
    }

    /**
     * Partitions the stream by key: all items with equal keys go to the same instance of the next (keyed)
     * stage, in the order they had on each input.
     */
    public <K> KeyedStream<K, T> keyBy(KeyFn<? super T, ? extends K> keyFn) {
        return new KeyedStream<>(this, Objects.requireNonNull(keyFn, "keyFn"));
    }

    /**
     * Groups the whole stream (not keyed) into event-time windows; aggregate them on the returned stream. Its
     * results come from a single instance, which a parallel input feeds with partial aggregates where it can.
     * See {@link io.sluice.api.window.Windows} and {@link AllWindowedStream}.
     */
    public AllWindowedStream<T> windowAll(WindowDefinition definition) {
        return new AllWindowedStream<>(transform, definition,
                (kind, input, fn, name) -> new Stream<>(pipeline, pipeline.add(kind, List.of(input), fn, name)));
    }

    /**
     * Drops repeated records, by id and in event time: a record with id {@code x} and timestamp {@code t} is
     * dropped when {@code t < lastSeen(x) + ttl}, where {@code lastSeen(x)} is the largest timestamp of the
     * earlier records of {@code x} (dropped ones included: a repeat keeps the id alive). A record exactly
     * {@code ttl} after the last sighting passes; so does the first record of every id. Records are partitioned
     * by id; each id's last sighting is keyed state, removed once the watermark reaches
     * {@code lastSeen + ttl}, after which a record of that id that is not late passes by the same rule. A late
     * record (timestamp below the watermark) whose id was already removed passes. Records need event time.
     *
     * @param idFn the id of a record; value-based {@code equals}/{@code hashCode}, like a key
     * @param ttl  how long after its last sighting an id still marks records as repeats; positive
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Stream<T> dedupe(KeyFn<? super T, ?> idFn, Duration ttl) {
        return next(Kind.DEDUPE, new Deduplication((KeyFn) Objects.requireNonNull(idFn, "idFn"), ttl));
    }

    /** Writes every item to {@code sink}. */
    public SinkStage sink(Sink<? super T> sink) {
        Objects.requireNonNull(sink, "sink");
        return new SinkStage(pipeline, pipeline.add(Kind.SINK, List.of(transform), sink, sink.name()));
    }

    private <R> Stream<R> next(Kind kind, Object fn) {
        return new Stream<>(pipeline, pipeline.add(kind, List.of(transform), fn, kind.label()));
    }
}
