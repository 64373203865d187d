package io.sluice.benchmarks;

/** Small result records the benchmark pipelines allocate, as real jobs do. */
final class BidRecords {

    private BidRecords() {
    }

    /** A bid with its price converted to euros (NEXMark q1). */
    record EuroBid(long auction, long bidder, long price, long dateTime) {
    }

    /** Auction and price (NEXMark q2's output). */
    record AuctionPrice(long auction, long price) {
    }
}
