package io.sluice.connectors.gen;

import static io.sluice.connectors.gen.NexmarkPools.*;
import static io.sluice.connectors.gen.SplitMix.bits;
import static io.sluice.connectors.gen.SplitMix.scale;

import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;

/**
 * The NEXMark event model (design.md §6), after the original generator.
 *
 * <p>Events come in blocks of 50: position 0 is a person, 1–3 are auctions, 4–49 bids (1:3:46). Ids are
 * counters derived from the index: the person of block {@code b} has id {@code 1000 + b}, its auctions
 * {@code 1000 + 3b}, {@code +1}, {@code +2}. A bid goes half the time to one of four "hot" auctions (the newest
 * ids of the form {@code 1000 + 64k}) and otherwise to one of the 100 newest; bidders and sellers are a quarter
 * of the time one of four hot persons (newest ids {@code 1000 + 8k}) and otherwise among the 1000 newest. A bid's price is 0.5 to
 * 2.5 times its auction's initial bid, recomputed from the auction's own hash; the reserve is 1 to 2 times
 * the initial bid. Auctions last 2 to 20 seconds of event time plus the time it takes to open 100 auctions,
 * so the bids they get arrive while they are open. About one event in ten is delayed by 1–199 ms.
 *
 * <p><b>Partitions</b> ({@code gen:nexmark?partitions=K}, default 1): the stream is K interleaved partitions,
 * partition {@code j} being the events whose index is {@code j} modulo K, and each partition is a generator of
 * its own, as the reference generator's split into parallel generators with distinct value spaces, or a topic
 * partitioned by auction: the block structure above runs over the partition's own events, its bids go to its
 * own auctions, its bidders and sellers are its own persons. Ids interleave (block {@code b} of partition
 * {@code j} takes the ids of global block {@code b * K + j}), event times stay those of the global index, and a
 * partition's "newest" counts (hot spacings, auctions in flight, active people) are divided by K (rounded
 * down), so the whole stream keeps about the event-time spans of the unpartitioned one; each partition has its
 * own four hot auctions and persons. With K = 1 this is exactly the stream described above. The stream does not
 * depend on the parallelism that reads it; when the parallelism divides K, a bid and its auction are read by the
 * same source instance, in order.
 *
 * <p>Bits of the per-event hash {@code h}: 0–31 choices of the event type, 32–63 the delay; a second hash
 * {@code mix(h)} gives further choices. Immutable; one instance serves all readers.
 */
final class NexmarkEventModel implements EventModel<NexmarkEvent> {

    static final int BLOCK = 50;
    static final int AUCTIONS_PER_BLOCK = 3;
    static final long FIRST_PERSON_ID = 1000;
    static final long FIRST_AUCTION_ID = 1000;
    static final long FIRST_CATEGORY_ID = 10;
    static final int CATEGORIES = 5;
    static final int IN_FLIGHT_AUCTIONS = 100;
    static final int ACTIVE_PEOPLE = 1000;
    static final int HOT_AUCTION_SPACING = 64;
    static final int HOT_PERSON_SPACING = 8;
    static final int OUT_OF_ORDER_BOUND_MILLIS = 200;
    private static final int MIN_DURATION_MILLIS = 2_000;
    private static final int DURATION_RANGE_MILLIS = 18_000;

    /** Most partitions a stream may have (a power of two): up to here every "newest" count divides evenly enough. */
    static final int MAX_PARTITIONS = 8;

    private final long base;
    private final EventTime time;
    /** Event time it takes to open {@link #IN_FLIGHT_AUCTIONS} auctions. */
    private final long inFlightMillis;
    private final int partitions;
    /** log2 of {@link #partitions}: a power of two, so that the per-event split is a shift, not a division. */
    private final int partitionBits;
    /*
     * A partition's share of the "newest" counts, so that they span about the same event time at any K: the hot
     * spacings as log2, the auctions in flight and the active people as counts.
     */
    private final int hotAuctionShift;
    private final int hotPersonShift;
    private final int inFlightAuctions;
    private final int activePeople;

    NexmarkEventModel(long seed, EventTime time) {
        this(seed, time, 1);
    }

    NexmarkEventModel(long seed, EventTime time, int partitions) {
        if (partitions < 1 || partitions > MAX_PARTITIONS || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two from 1 to " + MAX_PARTITIONS + ": "
                    + partitions);
        }
        this.base = SplitMix.base(seed);
        this.time = time;
        this.inFlightMillis = time.spanMillis((long) IN_FLIGHT_AUCTIONS * BLOCK / AUCTIONS_PER_BLOCK);
        this.partitions = partitions;
        this.partitionBits = Integer.numberOfTrailingZeros(partitions);
        this.hotAuctionShift = Math.max(0, Integer.numberOfTrailingZeros(HOT_AUCTION_SPACING) - partitionBits);
        this.hotPersonShift = Math.max(0, Integer.numberOfTrailingZeros(HOT_PERSON_SPACING) - partitionBits);
        this.inFlightAuctions = IN_FLIGHT_AUCTIONS / partitions;
        this.activePeople = ACTIVE_PEOPLE / partitions;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public Class<NexmarkEvent> type() {
        return NexmarkEvent.class;
    }

    @Override
    public long timestamp(NexmarkEvent event) {
        return event.dateTime();
    }

    @Override
    public long outOfOrderBoundMillis() {
        return OUT_OF_ORDER_BOUND_MILLIS;
    }

    @Override
    public NexmarkEvent event(long index) {
        long h = SplitMix.at(base, index);
        long local = index >>> partitionBits;
        int partition = (int) (index & (partitions - 1));
        long block = local / BLOCK;
        int position = (int) (local - block * BLOCK);
        long dateTime = time.millis(index) - OutOfOrder.delayMillis(h >>> 32, OUT_OF_ORDER_BOUND_MILLIS);
        if (position == 0) {
            return person(block, partition, h, dateTime);
        } else if (position <= AUCTIONS_PER_BLOCK) {
            return auction(block, partition, position, h, dateTime);
        }
        return bid(block, partition, h, dateTime);
    }

    /** The global block whose ids block {@code block} of {@code partition} takes. */
    private long globalBlock(long block, int partition) {
        return (block << partitionBits) + partition;
    }

    /** The id of the {@code n}th auction (0-based) of {@code partition}. */
    private long auctionId(long n, int partition) {
        long block = n / AUCTIONS_PER_BLOCK;
        return FIRST_AUCTION_ID + globalBlock(block, partition) * AUCTIONS_PER_BLOCK
                + (n - block * AUCTIONS_PER_BLOCK);
    }

    private Person person(long block, int partition, long h, long dateTime) {
        int name = bits(h, 0, NAME_BITS);
        int city = scale(bits(h, 20, 6), 6, CITIES.length);
        return new Person(FIRST_PERSON_ID + globalBlock(block, partition), NAMES[name], EMAILS[name],
                CREDIT_CARDS[bits(h, 10, CARD_BITS)],
                CITIES[city], STATES[city], dateTime, EXTRAS[bits(h, 26, EXTRA_BITS)]);
    }

    private Auction auction(long block, int partition, int position, long h, long dateTime) {
        long h2 = SplitMix.mix(h);
        long initialBid = initialBid(h);
        long reserve = initialBid + (initialBid * bits(h, PRICE_BITS, 8) >>> 8);
        long duration = MIN_DURATION_MILLIS + scale(bits(h2, 32, 16), 16, DURATION_RANGE_MILLIS) + inFlightMillis;
        return new Auction(
                auctionId(block * AUCTIONS_PER_BLOCK + position - 1, partition),
                ITEM_NAMES[bits(h, 20, ITEM_BITS)],
                DESCRIPTIONS[bits(h2, 48, DESCRIPTION_BITS)],
                initialBid,
                reserve,
                dateTime,
                dateTime + duration,
                pickPerson(block, partition, bits(h2, 16, 16)),
                FIRST_CATEGORY_ID + scale(bits(h2, 0, 16), 16, CATEGORIES),
                EXTRAS[bits(h2, 56, EXTRA_BITS)]);
    }

    private Bid bid(long block, int partition, long h, long dateTime) {
        long h2 = SplitMix.mix(h);
        long auctionCount = (block + 1) * AUCTIONS_PER_BLOCK;
        long last = auctionCount - 1; // the partition's newest auction, counted from 0
        long n;
        if (bits(h, 0, 1) == 0) {
            n = Math.max(0, (last >>> hotAuctionShift) - bits(h, 1, 2) << hotAuctionShift);
        } else {
            n = last - scale(bits(h, 3, 16), 16, (int) Math.min(auctionCount, inFlightAuctions));
        }
        long auction = auctionId(n, partition);
        long initialBid = initialBid(SplitMix.at(base, auctionIndex(auction)));
        long price = initialBid * (64 + bits(h, 19, 8)) >>> 7;
        int channel = bits(h2, 34, 2);
        return new Bid(
                auction,
                pickPerson(block, partition, bits(h2, 0, 20)),
                price,
                CHANNELS[channel],
                URLS[channel << URL_BITS | bits(h2, 20, URL_BITS)],
                dateTime,
                EXTRAS[bits(h2, 28, EXTRA_BITS)]);
    }

    /** The opening price of the auction whose event hash is {@code auctionHash}. */
    private static long initialBid(long auctionHash) {
        return PRICES[bits(auctionHash, 0, PRICE_BITS)];
    }

    /**
     * The event index of auction {@code id}: auctions sit at positions 1–3 of their block, and the block's
     * partition and its block within it follow from the global block.
     */
    long auctionIndex(long id) {
        long k = id - FIRST_AUCTION_ID;
        long globalBlock = k / AUCTIONS_PER_BLOCK;
        long block = globalBlock >>> partitionBits;
        long partition = globalBlock & (partitions - 1);
        return ((block * BLOCK + 1 + (k - globalBlock * AUCTIONS_PER_BLOCK)) << partitionBits) + partition;
    }

    /**
     * A seller or bidder of {@code partition}, whose newest person is that of {@code block}, from 20 random bits:
     * a quarter of the time one of its four hot persons (the newest whose number in the partition is a multiple
     * of the hot spacing), otherwise one of its newest active people.
     */
    private long pickPerson(long block, int partition, int bits20) {
        long n;
        if ((bits20 & 3) == 0) {
            n = Math.max(0, (block >>> hotPersonShift) - (bits20 >>> 2 & 3) << hotPersonShift);
        } else {
            n = block - scale(bits20 >>> 4, 16, (int) Math.min(block + 1, activePeople));
        }
        return FIRST_PERSON_ID + globalBlock(n, partition);
    }
}
