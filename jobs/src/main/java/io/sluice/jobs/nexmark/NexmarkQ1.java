package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;

/**
 * NEXMark query 1, currency conversion: every bid with its price in euros, {@code price * 908 / 1000}
 * (integer division), as {@code {"auction","bidder","price","dateTime"}} (design.md §6). Source, filter and
 * map fuse into one chain.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ1 implements StreamJob {

    /** A bid with its price converted to euros. */
    public record EuroBid(long auction, long bidder, long price, long dateTime) {

        /** The conversion of query 1: dollars to euros at 0.908, rounded down. */
        public static EuroBid of(Bid bid) {
            return new EuroBid(bid.auction(), bid.bidder(), bid.price() * 908 / 1000, bid.dateTime());
        }
    }

    @Override
    public String name() {
        return "nexmark-q1";
    }

    @Override
    public String description() {
        return "NEXMark q1: bids with the price converted to euros (price * 908 / 1000)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, Codecs.json(NexmarkEvent.class)))
                .filter(e -> e instanceof Bid).named("bids")
                .map(e -> EuroBid.of((Bid) e)).named("to-euros")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, Codecs.json(EuroBid.class)));
    }
}
