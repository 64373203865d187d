package io.sluice.benchmarks.runner;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.window.Windows;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pipelines the NEXMark runner can measure, by name: the jobs {@code nexmark-q<n>} of the jobs module
 * (found with {@link ServiceLoader}, as {@code sluice run} finds them, and run with {@code -p source=...
 * -p sink=null:}) under their short names {@code q0}, {@code q1}, ..., plus two that exist only here:
 *
 * <ul>
 *   <li>{@code tumbling-count}: bids counted per bidder in tumbling 1 s windows of event time (the source's
 *   instances aligned within 1 s), the keyed window query of the reference figures.</li>
 *   <li>{@code gen-null}: the generator straight into the discarding sink, with nothing in between: the engine's
 *   cost around a job that does nothing.</li>
 *   <li>{@code bids-only} and {@code rolling-count}: the first stages of {@code tumbling-count} alone (the bids
 *   with event time, then also counted per bidder without windows), to split its time by subtraction.</li>
 * </ul>
 *
 * Event time and watermarks are those of the NEXMark jobs: {@code dateTime}, highest seen − 200 ms.
 */
public final class NexmarkQueries {

    /** Bounded out-of-order delay of the NEXMark jobs (design.md §6). */
    static final Duration MAX_DELAY = Duration.ofMillis(200);
    /**
     * How far one source instance of {@code tumbling-count} may run ahead of the other in event time. Unaligned at
     * parallelism 2, one instance ran up to 200 s of event time ahead, so the windows behind the queue held up to
     * 200 seconds of windows and timers at once (a heap of 100–200 due times instead of 2) and every key's state
     * for all of them; aligned within a window's length, they hold two or three (docs/performance.md).
     */
    static final Duration TUMBLING_COUNT_DRIFT = Duration.ofSeconds(1);
    /** The discarding sink of every measured run. */
    static final String SINK = "null:";

    /** Declares the pipeline of one query reading {@code sourceUri}. */
    @FunctionalInterface
    public interface Definition {
        void define(Pipeline pipeline, String sourceUri);
    }

    private final Map<String, Definition> byName = new TreeMap<>();

    private NexmarkQueries() {
    }

    /** Every query on the class path, plus the runner's own. */
    public static NexmarkQueries load() {
        NexmarkQueries queries = new NexmarkQueries();
        for (StreamJob job : ServiceLoader.load(StreamJob.class)) {
            if (job.name().startsWith("nexmark-")) {
                queries.byName.put(job.name().substring("nexmark-".length()), (p, uri) -> {
                    JobParams params = new JobParams(Map.of("source", uri, "sink", SINK));
                    job.define(p, params);
                });
            }
        }
        queries.byName.put("tumbling-count", NexmarkQueries::tumblingCountPerBidder);
        queries.byName.put("gen-null", NexmarkQueries::generatorIntoNull);
        queries.byName.put("bids-only", NexmarkQueries::bidsOnly);
        queries.byName.put("rolling-count", NexmarkQueries::rollingCountPerBidder);
        return queries;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The definition of {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known. */
    public Definition require(String name) {
        Definition d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown query '" + name + "' (known: " + String.join(", ", names())
                    + ", and 'reader' for the generator alone)");
        }
        return d;
    }

    /**
     * Bids per bidder per tumbling 1 s window: {@code keyBy(bidder).window(tumbling 1 s).aggregate(counting())},
     * the source's instances aligned within {@link #TUMBLING_COUNT_DRIFT}.
     */
    static void tumblingCountPerBidder(Pipeline p, String sourceUri) {
        p.source(Connectors.source(sourceUri, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY)
                                .withAlignment(TUMBLING_COUNT_DRIFT))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid")
                .keyBy(Bid::bidder)
                .window(Windows.tumbling(Duration.ofSeconds(1)))
                .aggregate(Aggregations.counting()).named("bids-per-bidder")
                .sink(Connectors.sink(SINK, Codecs.json(Object.class)));
    }

    /** The bids, with event time and watermarks as the window queries have them, into the sink. */
    static void bidsOnly(Pipeline p, String sourceUri) {
        p.source(Connectors.source(sourceUri, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid")
                .sink(Connectors.sink(SINK, Codecs.json(Object.class)));
    }

    /** Bids counted per bidder without windows: a running count per key, one result per bid. */
    static void rollingCountPerBidder(Pipeline p, String sourceUri) {
        p.source(Connectors.source(sourceUri, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid")
                .keyBy(Bid::bidder)
                .aggregate(Aggregations.counting()).named("bids-per-bidder")
                .sink(Connectors.sink(SINK, Codecs.json(Object.class)));
    }

    /** The generator into the discarding sink: source and sink fused, no operator between them. */
    static void generatorIntoNull(Pipeline p, String sourceUri) {
        p.source(Connectors.source(sourceUri, Codecs.json(NexmarkEvent.class)))
                .sink(Connectors.sink(SINK, Codecs.json(NexmarkEvent.class)));
    }
}
