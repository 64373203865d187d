package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.window.Windows;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.time.Duration;
import java.util.Comparator;

/**
 * NEXMark query 7, highest bid (design.md §6): per tumbling 10 s window aligned to the epoch, every bid with the
 * highest price, as {@code {"windowStart","windowEnd","auction","bidder","price"}} (all of them when several
 * tie).
 *
 * <p>Event time is the events' {@code dateTime}; watermark = highest dateTime seen − 200 ms. A bid older than
 * the watermark when it arrives is late and takes part in no window (counted in the window stage's
 * {@code lateRecords} metric).
 *
 * <p>One whole-stream window: the tied highest bids of each window. At parallelism 1 it is fused into the
 * source's chain; at higher parallelism the planner aggregates it in two stages (each source instance keeps
 * its own tied highest bids per window and sends them on when the window is complete, and the single window
 * instance combines them), so it scales without a key.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ7 implements StreamJob {

    static final Duration MAX_DELAY = Duration.ofMillis(200);
    static final Duration SIZE = Duration.ofSeconds(10);

    /** The output: one of the highest bids of a window. */
    public record HighestBid(long windowStart, long windowEnd, long auction, long bidder, long price) {
    }

    /** What the window keeps of a bid. */
    record PricedBid(long auction, long bidder, long price) {
        static final Codec<PricedBid> CODEC = new LongFieldsCodec<>(PricedBid.class, 3,
                b -> new long[] {b.auction, b.bidder, b.price}, f -> new PricedBid(f[0], f[1], f[2]));
    }

    @Override
    public String name() {
        return "nexmark-q7";
    }

    @Override
    public String description() {
        return "NEXMark q7: the highest bid(s) per tumbling 10 s window";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        Comparator<PricedBid> byPrice = Comparator.comparingLong(PricedBid::price);
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> {
                    Bid b = (Bid) e;
                    return new PricedBid(b.auction(), b.bidder(), b.price());
                }).named("as-priced-bid")
                .windowAll(Windows.tumbling(SIZE))
                .aggregate(Aggregations.allMaxBy(byPrice, PricedBid.CODEC)).named("highest-per-window")
                .<HighestBid>flatMap((r, out) -> {
                    for (PricedBid b : r.value()) {
                        out.emit(new HighestBid(r.windowStart(), r.windowEnd(), b.auction(), b.bidder(), b.price()));
                    }
                }).named("ties")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(HighestBid.class)));
    }
}
