package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;

/**
 * NEXMark query 2, selection: the bids on every auction whose id is a multiple of 123
 * ({@code auction % 123 == 0}), as {@code {"auction","price"}} (design.md §6).
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ2 implements StreamJob {

    /** The auctions query 2 selects: every 123rd id. */
    static final long AUCTION_MODULUS = 123;

    /** An auction and a price bid on it. */
    public record AuctionPrice(long auction, long price) {
    }

    @Override
    public String name() {
        return "nexmark-q2";
    }

    @Override
    public String description() {
        return "NEXMark q2: bids on auctions whose id is a multiple of 123";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)))
                .filter(e -> e instanceof Bid b && b.auction() % AUCTION_MODULUS == 0).named("bids-on-every-123rd")
                .map(e -> new AuctionPrice(((Bid) e).auction(), ((Bid) e).price())).named("auction-price")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(AuctionPrice.class)));
    }
}
