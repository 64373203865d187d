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
 * NEXMark query 5, hot items (design.md §6): bids are counted per auction in sliding windows of 10 s every 2 s,
 * aligned to the epoch (a window holds every bid with {@code start <= dateTime < end}); per window, every
 * auction with the highest count is emitted as {@code {"windowStart","windowEnd","auction","count"}} (all of
 * them when several tie). Windows without bids emit nothing.
 *
 * <p>Event time is the events' {@code dateTime}; watermark = highest dateTime seen − 200 ms. A bid older than
 * the watermark when it arrives is late: it counts in no window (the window stage's {@code lateRecords} metric
 * counts it). A window fires when the watermark reaches its end, and at the end of the input.
 *
 * <p>Two window stages: the counts per auction and sliding window (incremental, one accumulator per 2 s slice
 * and auction), then, keyed by window, a tumbling 2 s window that keeps every count tied for the maximum: a
 * sliding window's counts carry the timestamp {@code end - 1}, so exactly the counts of one sliding window meet
 * in one 2 s window, which fires as soon as the watermark passes the sliding window's end.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ5 implements StreamJob {

    static final Duration MAX_DELAY = Duration.ofMillis(200);
    static final Duration SIZE = Duration.ofSeconds(10);
    static final Duration SLIDE = Duration.ofSeconds(2);

    /** The output: an auction's bid count in one window. */
    public record HotItem(long windowStart, long windowEnd, long auction, long count) {
        static final Codec<HotItem> CODEC = new LongFieldsCodec<>(HotItem.class, 4,
                h -> new long[] {h.windowStart, h.windowEnd, h.auction, h.count},
                f -> new HotItem(f[0], f[1], f[2], f[3]));
    }

    @Override
    public String name() {
        return "nexmark-q5";
    }

    @Override
    public String description() {
        return "NEXMark q5: hot items, the auctions with the most bids per sliding 10 s window (every 2 s)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> (Bid) e).named("as-bid")
                .keyBy(Bid::auction)
                .window(Windows.sliding(SIZE, SLIDE))
                .aggregate(Aggregations.counting()).named("bids-per-auction")
                .map(r -> new HotItem(r.windowStart(), r.windowEnd(), r.key(), r.value())).named("to-hot-item")
                .keyBy(HotItem::windowStart)
                .window(Windows.tumbling(SLIDE))
                .aggregate(Aggregations.allMaxBy(Comparator.comparingLong(HotItem::count), HotItem.CODEC))
                .named("hottest-per-window")
                .<HotItem>flatMap((r, out) -> r.value().forEach(out::emit)).named("ties")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(HotItem.class)));
    }
}
