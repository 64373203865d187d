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

    private final long base;
    private final EventTime time;
    /** Event time it takes to open {@link #IN_FLIGHT_AUCTIONS} auctions. */
    private final long inFlightMillis;

    NexmarkEventModel(long seed, EventTime time) {
        this.base = SplitMix.base(seed);
        this.time = time;
        this.inFlightMillis = time.spanMillis((long) IN_FLIGHT_AUCTIONS * BLOCK / AUCTIONS_PER_BLOCK);
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
        long block = index / BLOCK;
        int position = (int) (index - block * BLOCK);
        long dateTime = time.millis(index) - OutOfOrder.delayMillis(h >>> 32, OUT_OF_ORDER_BOUND_MILLIS);
        if (position == 0) {
            return person(block, h, dateTime);
        } else if (position <= AUCTIONS_PER_BLOCK) {
            return auction(block, position, h, dateTime);
        }
        return bid(block, h, dateTime);
    }

    private static Person person(long block, long h, long dateTime) {
        int name = bits(h, 0, NAME_BITS);
        int city = scale(bits(h, 20, 6), 6, CITIES.length);
        return new Person(FIRST_PERSON_ID + block, NAMES[name], EMAILS[name], CREDIT_CARDS[bits(h, 10, CARD_BITS)],
                CITIES[city], STATES[city], dateTime, EXTRAS[bits(h, 26, EXTRA_BITS)]);
    }

    private Auction auction(long block, int position, long h, long dateTime) {
        long h2 = SplitMix.mix(h);
        long initialBid = initialBid(h);
        long reserve = initialBid + (initialBid * bits(h, PRICE_BITS, 8) >>> 8);
        long duration = MIN_DURATION_MILLIS + scale(bits(h2, 32, 16), 16, DURATION_RANGE_MILLIS) + inFlightMillis;
        return new Auction(
                FIRST_AUCTION_ID + block * AUCTIONS_PER_BLOCK + position - 1,
                ITEM_NAMES[bits(h, 20, ITEM_BITS)],
                DESCRIPTIONS[bits(h2, 48, DESCRIPTION_BITS)],
                initialBid,
                reserve,
                dateTime,
                dateTime + duration,
                pickPerson(FIRST_PERSON_ID + block, block + 1, bits(h2, 16, 16)),
                FIRST_CATEGORY_ID + scale(bits(h2, 0, 16), 16, CATEGORIES),
                EXTRAS[bits(h2, 56, EXTRA_BITS)]);
    }

    private Bid bid(long block, long h, long dateTime) {
        long h2 = SplitMix.mix(h);
        long auctionCount = (block + 1) * AUCTIONS_PER_BLOCK;
        long lastAuction = FIRST_AUCTION_ID + auctionCount - 1;
        long auction;
        if (bits(h, 0, 1) == 0) {
            long hot = ((lastAuction - FIRST_AUCTION_ID) / HOT_AUCTION_SPACING - bits(h, 1, 2)) * HOT_AUCTION_SPACING;
            auction = FIRST_AUCTION_ID + Math.max(0, hot);
        } else {
            auction = lastAuction - scale(bits(h, 3, 16), 16, (int) Math.min(auctionCount, IN_FLIGHT_AUCTIONS));
        }
        long initialBid = initialBid(SplitMix.at(base, auctionIndex(auction)));
        long price = initialBid * (64 + bits(h, 19, 8)) >>> 7;
        int channel = bits(h2, 34, 2);
        return new Bid(
                auction,
                pickPerson(FIRST_PERSON_ID + block, block + 1, bits(h2, 0, 20)),
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

    /** The event index of auction {@code id}: auctions sit at positions 1–3 of their block. */
    static long auctionIndex(long id) {
        long k = id - FIRST_AUCTION_ID;
        return k / AUCTIONS_PER_BLOCK * BLOCK + 1 + k % AUCTIONS_PER_BLOCK;
    }

    /**
     * A seller or bidder from 20 random bits: a quarter of the time one of four hot persons (the newest ids
     * {@code 1000 + k * HOT_PERSON_SPACING}), otherwise one of the {@link #ACTIVE_PEOPLE} newest.
     */
    private static long pickPerson(long lastPerson, long personCount, int bits20) {
        if ((bits20 & 3) == 0) {
            long hot = ((lastPerson - FIRST_PERSON_ID) / HOT_PERSON_SPACING - (bits20 >>> 2 & 3)) * HOT_PERSON_SPACING;
            return FIRST_PERSON_ID + Math.max(0, hot);
        }
        return lastPerson - scale(bits20 >>> 4, 16, (int) Math.min(personCount, ACTIVE_PEOPLE));
    }
}
