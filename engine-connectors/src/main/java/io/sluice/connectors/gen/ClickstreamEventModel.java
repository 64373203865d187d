package io.sluice.connectors.gen;

import static io.sluice.connectors.gen.ClickstreamPools.*;
import static io.sluice.connectors.gen.SplitMix.bits;
import static io.sluice.connectors.gen.SplitMix.scale;

import io.sluice.connectors.clickstream.Click;

/**
 * The clickstream event model (design.md §7): users browsing a shop in sessions.
 *
 * <p>Sessions live in {@value #SLOTS} concurrent slots. Event {@code i} lands in a random slot; each slot
 * runs one session after another, each lasting a slot-specific stretch of 80k–240k global events (at the
 * default 10,000 events/s: 8–24 s of event time, about 20–60 events). The session's hash picks its user (from
 * {@value #USERS} users, skewed so some users return often), session id and device; a user always has the
 * same country. So a user's events cluster in time, separated by gaps, which is what session windows need.
 * Pages are skewed towards low numbers; 84% of actions are views, 12% cart, 3% purchases (the only events
 * with an amount) and 1% errors. About one event in ten is delayed by 1 ms to 2 s.
 *
 * <p>Bits of the per-event hash {@code h}: 0–11 slot, 12–31 page, 32–63 delay; {@code mix(h)}: 0–9 action,
 * 10–25 amount. Immutable; one instance serves all readers.
 */
final class ClickstreamEventModel implements EventModel<Click> {

    static final int SLOT_BITS = 12;
    static final int SLOTS = 1 << SLOT_BITS;
    static final int USERS = 100_000;
    static final long FIRST_USER_ID = 1;
    static final int OUT_OF_ORDER_BOUND_MILLIS = 2_000;
    private static final int MIN_SESSION_SPAN = 80_000;
    private static final int SESSION_SPAN_RANGE = 160_000;
    static final int ERROR_PER_MILLE = 10;
    static final int PURCHASE_PER_MILLE = 30;
    static final int CART_PER_MILLE = 120;
    private static final int MIN_AMOUNT_CENTS = 99;
    private static final int AMOUNT_RANGE_CENTS = 50_000;
    private static final long SESSION_SALT = 0x5E5510L;
    private static final long COUNTRY_SALT = 0xC0C0L;

    private final long base;
    private final EventTime time;
    /** Per slot: how many global events a session lasts, and the offset that staggers session changes. */
    private final int[] slotSpan = new int[SLOTS];
    private final int[] slotPhase = new int[SLOTS];

    ClickstreamEventModel(long seed, EventTime time) {
        this.base = SplitMix.base(seed);
        this.time = time;
        for (int s = 0; s < SLOTS; s++) {
            long h = SplitMix.mix(base ^ (s + 1) * SplitMix.GOLDEN);
            slotSpan[s] = MIN_SESSION_SPAN + scale(bits(h, 0, 16), 16, SESSION_SPAN_RANGE);
            slotPhase[s] = scale(bits(h, 16, 24), 24, slotSpan[s]);
        }
    }

    @Override
    public Class<Click> type() {
        return Click.class;
    }

    @Override
    public long timestamp(Click event) {
        return event.ts();
    }

    @Override
    public long outOfOrderBoundMillis() {
        return OUT_OF_ORDER_BOUND_MILLIS;
    }

    @Override
    public Click event(long index) {
        long h = SplitMix.at(base, index);
        long h2 = SplitMix.mix(h);
        int slot = bits(h, 0, SLOT_BITS);
        long session = (index + slotPhase[slot]) / slotSpan[slot];
        long sh = SplitMix.mix(base + SESSION_SALT + (session * SLOTS + slot) * SplitMix.GOLDEN);
        long userId = FIRST_USER_ID + skewed(bits(sh, 0, 21), USERS);
        int roll = scale(bits(h2, 0, 10), 10, 1000);
        String action;
        long amount = 0;
        if (roll < ERROR_PER_MILLE) {
            action = Click.ERROR;
        } else if (roll < ERROR_PER_MILLE + PURCHASE_PER_MILLE) {
            action = Click.PURCHASE;
            amount = MIN_AMOUNT_CENTS + scale(bits(h2, 10, 16), 16, AMOUNT_RANGE_CENTS);
        } else if (roll < ERROR_PER_MILLE + PURCHASE_PER_MILLE + CART_PER_MILLE) {
            action = Click.CART;
        } else {
            action = Click.VIEW;
        }
        long ts = time.millis(index) - OutOfOrder.delayMillis(h >>> 32, OUT_OF_ORDER_BOUND_MILLIS);
        return new Click(
                userId,
                SESSION_IDS[bits(sh, 21, SESSION_ID_BITS)],
                PAGES[skewed(bits(h, 12, 20) << 1, PAGES_COUNT)],
                action,
                ts,
                COUNTRY_TABLE[bits(SplitMix.mix(userId + COUNTRY_SALT), 0, 6)],
                DEVICE_TABLE[bits(sh, 40, 4)],
                amount);
    }

    /**
     * Maps 21 uniform bits to {@code [0, n)} with density falling off like {@code 1/sqrt(x)}: squaring a
     * uniform value makes low indexes much more likely.
     */
    private static int skewed(int bits21, int n) {
        long a = bits21;
        return (int) (a * a * n >>> 42);
    }
}
