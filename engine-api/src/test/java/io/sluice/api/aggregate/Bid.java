package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A test item: a NEXMark-like bid, with a binary codec and a deterministic generator. */
record Bid(long auction, long bidder, long price, long seq) {

    static final Codec<Bid> CODEC = new Codec<>() {
        @Override
        public Class<Bid> type() {
            return Bid.class;
        }

        @Override
        public void encode(Bid b, OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeLong(b.auction);
            data.writeLong(b.bidder);
            data.writeLong(b.price);
            data.writeLong(b.seq);
        }

        @Override
        public Bid decode(byte[] bytes, int offset, int length) throws IOException {
            if (length != 32) {
                throw new IOException("a bid is 32 bytes, got " + length);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
            return new Bid(b.getLong(), b.getLong(), b.getLong(), b.getLong());
        }
    };

    /**
     * {@code n} bids with few distinct prices (so there are ties), a few auctions and bidders; {@code seq}
     * numbers them in order, so tests can tell equal-priced bids apart.
     */
    static List<Bid> generate(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bid> bids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bids.add(new Bid(random.nextInt(20), random.nextInt(50), random.nextInt(30) * 10L - 50, i));
        }
        return bids;
    }
}
