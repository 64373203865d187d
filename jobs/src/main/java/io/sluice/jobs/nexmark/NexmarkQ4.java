package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.time.Duration;

/**
 * NEXMark query 4, average closing price per category (design.md §6). The closing price of an auction is its
 * highest bid with {@code auction.dateTime <= bid.dateTime <= auction.expires} and {@code price >= reserve}
 * (auctions without one are ignored); an auction closes when the watermark passes its expiry; every close
 * emits the category's average closing price so far, {@code {"category","avgPrice"}}, with
 * {@code avgPrice = sum / count} (integer division). At the end of a bounded input the final watermark closes
 * every auction still open.
 *
 * <p>Event time is the events' {@code dateTime}, watermark = highest dateTime seen − 200 ms; late events are
 * ignored. The source's instances are aligned ({@link #MAX_DRIFT}). Two keyed process functions: {@link AuctionClosing} over auctions and bids keyed by auction id,
 * then {@link CategoryAverages} keyed by category.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ4 implements StreamJob {

    /** How far out of order events may come: the watermark trails the highest dateTime by this much. */
    static final Duration MAX_DELAY = Duration.ofMillis(200);

    /**
     * How far in event time one source instance may run ahead of the others (watermark alignment). A bid whose
     * auction comes from another instance that is behind waits in state with a timer as an early bid, so the
     * lead of the fastest instance is work. Unaligned at parallelism 2 the two {@code gen:nexmark} instances
     * drifted 2 s and more apart half of the time, and about one bid in five was early (none at parallelism 1).
     * Measured on 10 M events: 1 s of drift hardly changed that, 100 ms halved it; 0 removes little more,
     * since one read batch of an instance already spans about 100 ms of event time (512 events, every second
     * one of 10,000 per second) and batches from the two instances interleave (docs/performance.md, "q4").
     */
    static final Duration MAX_DRIFT = Duration.ofMillis(100);

    /** The output: a category's average closing price after one of its auctions closed. */
    public record CategoryAverage(long category, long avgPrice) {
    }

    /** An auction that closed with a closing price; {@code closedAt = expires + 1}, its event time. */
    public record ClosedAuction(long auction, long category, long price, long closedAt) {
        static final Codec<ClosedAuction> CODEC = new LongFieldsCodec<>(ClosedAuction.class, 4,
                c -> new long[] {c.auction, c.category, c.price, c.closedAt},
                f -> new ClosedAuction(f[0], f[1], f[2], f[3]));
    }

    @Override
    public String name() {
        return "nexmark-q4";
    }

    @Override
    public String description() {
        return "NEXMark q4: average closing price per category, updated whenever an auction closes";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)),
                        WatermarkPolicy.boundedOutOfOrder(NexmarkEvent::dateTime, MAX_DELAY).withAlignment(MAX_DRIFT))
                .filter(e -> !(e instanceof Person)).named("auctions-and-bids")
                .keyBy(NexmarkQ4::auctionId)
                .process(new AuctionClosing()).named("closing-prices")
                .keyBy(ClosedAuction::category)
                .process(new CategoryAverages()).named("average-per-category")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(CategoryAverage.class)));
    }

    /** The auction an auction or a bid belongs to. */
    static long auctionId(NexmarkEvent e) {
        return e instanceof Auction a ? a.id() : ((Bid) e).auction();
    }
}
