package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.codec.Codecs;
import io.sluice.api.window.Windows;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.time.Duration;

/**
 * NEXMark query 11, user sessions (design.md §6): bids per bidder per session, a session being a run of the
 * bidder's bids each at most 10 s after the previous one, as {@code {"bidder","count","windowStart","windowEnd"}}
 * with {@code windowStart} = the first bid's dateTime and {@code windowEnd} = the last bid's dateTime + 10 s.
 *
 * <p>Event time is the events' {@code dateTime}; watermark = highest dateTime seen − 200 ms. A bid older than
 * the watermark when it arrives is late and joins no session (counted in the window stage's
 * {@code lateRecords} metric). A session is emitted once the watermark passes its {@code windowEnd} (a bid
 * exactly at {@code windowEnd} still extends it), and at the end of the input.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ11 implements StreamJob {

    static final Duration MAX_DELAY = Duration.ofMillis(200);
    static final Duration GAP = Duration.ofSeconds(10);
    /**
     * At parallelism above 1, each source instance combines its bids into partial sessions for up to this much
     * event time before they cross to their bidder's window instance ({@code combineLocally}): the same sessions,
     * fired up to this much later, with a fraction of the bids crossing cores (Flink's NEXMark setup trades 2 s
     * of mini-batch latency the same way).
     */
    static final Duration LOCAL_COMBINING = Duration.ofSeconds(2);

    /** The output: one session of a bidder. */
    public record BidderSession(long bidder, long count, long windowStart, long windowEnd) {
    }

    @Override
    public String name() {
        return "nexmark-q11";
    }

    @Override
    public String description() {
        return "NEXMark q11: bids per bidder per session (session gap 10 s)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid")
                .keyBy(Bid::bidder)
                .window(Windows.session(GAP).combineLocally(LOCAL_COMBINING))
                .aggregate(Aggregations.counting()).named("bids-per-session")
                .map(r -> new BidderSession(r.key(), r.value(), r.windowStart(), r.windowEnd())).named("to-session")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(BidderSession.class)));
    }
}
