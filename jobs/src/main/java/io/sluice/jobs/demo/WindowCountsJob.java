package io.sluice.jobs.demo;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.codec.Codecs;
import io.sluice.api.window.Windows;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.time.Duration;

/**
 * A small stateful job that shows (and tests) checkpoints and exact recovery: bids counted per auction group
 * (auction mod {@code keys}) per tumbling 1 s window of event time, plus every bid passed through unchanged to
 * a second sink. With {@code --checkpoint-dir} both {@code file:} sinks are exactly-once, so a run that is
 * killed and restored any number of times commits exactly what an uninterrupted run writes.
 *
 * <p>Parameters: {@code source} (default {@code gen:nexmark?events=2000000}), {@code sink} for the counts
 * and {@code passthrough} for the bids (both default {@code null:}), {@code keys} (default 1000).
 */
public final class WindowCountsJob implements StreamJob {

    /** One output record: the bids of one auction group in one window. */
    public record GroupCount(long group, long windowStart, long windowEnd, long count) {
    }

    @Override
    public String name() {
        return "window-counts";
    }

    @Override
    public String description() {
        return "Bids per auction group per 1 s tumbling window, plus every bid passed through (checkpoint demo)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        long keys = params.getLong("keys", 1000);
        if (keys < 1) {
            throw new io.sluice.api.BadInputException("parameter 'keys' must be at least 1, got " + keys);
        }
        Stream<Bid> bids = p.source(params.source("source", "gen:nexmark?events=2000000", Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, Duration.ofMillis(200)))
                .uid("events")
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid");
        bids.sink(params.sink("passthrough", "null:", Codecs.json(Bid.class))).uid("passthrough-sink");
        bids.keyBy(b -> b.auction() % keys)
                .window(Windows.tumbling(Duration.ofSeconds(1)))
                .aggregate(Aggregations.counting()).uid("counts")
                .map(r -> new GroupCount(r.key(), r.windowStart(), r.windowEnd(), r.value())).named("to-output")
                .sink(params.sink("sink", "null:", Codecs.json(GroupCount.class))).uid("counts-sink");
    }
}
