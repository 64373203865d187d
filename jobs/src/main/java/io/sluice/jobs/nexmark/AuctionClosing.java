package io.sluice.jobs.nexmark;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.ListState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimerContext;
import io.sluice.api.state.ValueState;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.jobs.nexmark.NexmarkQ4.ClosedAuction;
import java.util.ArrayList;
import java.util.List;

/**
 * The first stage of query 4, keyed by auction id over auctions and bids: finds each auction's closing
 * price and emits it when the auction closes.
 *
 * <ul>
 *   <li>Late events (timestamp below the watermark) are ignored.</li>
 *   <li>A bid qualifies when {@code auction.dateTime <= bid.dateTime <= auction.expires} and
 *   {@code price >= auction.reserve}; the closing price is the highest qualifying price.</li>
 *   <li>The auction closes when the watermark passes its expiry ({@code watermark > expires}): an event-time
 *   timer at {@code expires + 1}. A bid at exactly {@code expires} is not late until then, so it counts.
 *   The close emits a {@link ClosedAuction} (timestamp {@code expires + 1}) if a bid qualified, and
 *   forgets the auction.</li>
 *   <li>A bid may arrive before its auction (events are up to 200 ms out of order, and at parallelism 2 the
 *   two source instances drift apart): it waits in a list. Once the watermark passes its dateTime it can never
 *   qualify (an auction arriving later and not late opens at or after the watermark), so it is dropped by the
 *   key's early-bid timer: one per key, not one per bid, which at parallelism 2 filled the timer heap. The
 *   timer is always at the {@code dateTime + 1} of the list's first bid, so the auction, which nearly always
 *   comes within milliseconds, knows it and deletes it: a deleted timer leaves the heap without a call.
 *   (Dropping hopeless bids only bounds the state; an auction would reject them anyway.)</li>
 * </ul>
 */
final class AuctionClosing implements KeyedProcessFunction<Long, NexmarkEvent, ClosedAuction> {

    /**
     * What the closing needs of an auction, and its highest qualifying bid so far ({@link #NO_BID}: none). One
     * state value, so a bid costs one state lookup; it is replaced only when the highest price rises.
     */
    record OpenAuction(long category, long reserve, long dateTime, long expires, long best) {
        static final long NO_BID = Long.MIN_VALUE;
        static final Codec<OpenAuction> CODEC = new LongFieldsCodec<>(OpenAuction.class, 5,
                a -> new long[] {a.category, a.reserve, a.dateTime, a.expires, a.best},
                f -> new OpenAuction(f[0], f[1], f[2], f[3], f[4]));

        static OpenAuction of(Auction a) {
            return new OpenAuction(a.category(), a.reserve(), a.dateTime(), a.expires(), NO_BID);
        }

        /** The auction closes when the watermark passes its expiry. */
        long closesAt() {
            return expires + 1;
        }

        /** This auction after a bid: itself unless the bid qualifies and beats the best price. */
        OpenAuction offer(long price, long bidTime) {
            boolean qualifies = bidTime >= dateTime && bidTime <= expires && price >= reserve;
            return qualifies && price > best ? new OpenAuction(category, reserve, dateTime, expires, price) : this;
        }
    }

    /** A bid that arrived before its auction. */
    record EarlyBid(long price, long dateTime) {
        static final Codec<EarlyBid> CODEC = new LongFieldsCodec<>(EarlyBid.class, 2,
                b -> new long[] {b.price, b.dateTime}, f -> new EarlyBid(f[0], f[1]));
    }

    static final StateDescriptor<ValueState<OpenAuction>> AUCTION =
            StateDescriptor.value("auction", OpenAuction.CODEC);
    static final StateDescriptor<ListState<EarlyBid>> EARLY_BIDS = StateDescriptor.list("early-bids", EarlyBid.CODEC);

    @Override
    public void open(StateDeclarations state) {
        state.declare(AUCTION, EARLY_BIDS);
    }

    @Override
    public void processElement(NexmarkEvent event, ProcessContext<Long> ctx, Emitter<ClosedAuction> out) {
        if (ctx.timestamp() < ctx.currentWatermark()) {
            return; // late
        }
        ValueState<OpenAuction> auction = ctx.state(AUCTION);
        if (event instanceof Auction a) {
            if (auction.isPresent()) {
                return; // an auction id opens once
            }
            OpenAuction open = OpenAuction.of(a);
            ctx.timers().registerEventTimeTimer(open.closesAt());
            ListState<EarlyBid> early = ctx.state(EARLY_BIDS);
            if (!early.isEmpty()) {
                List<EarlyBid> bids = early.get();
                // The close is registered first: a delete first would empty the key's timer list, and the
                // register would then build it again. At the same time as the close, the two are one timer.
                long earlyTimer = bids.get(0).dateTime() + 1;
                if (earlyTimer != open.closesAt()) {
                    ctx.timers().deleteEventTimeTimer(earlyTimer);
                }
                for (EarlyBid b : bids) {
                    open = open.offer(b.price(), b.dateTime());
                }
                early.clear();
            }
            auction.set(open);
        } else if (event instanceof Bid b) {
            OpenAuction open = auction.get();
            if (open != null) {
                OpenAuction after = open.offer(b.price(), b.dateTime());
                if (after != open) {
                    auction.set(after);
                }
            } else {
                ListState<EarlyBid> early = ctx.state(EARLY_BIDS);
                if (early.isEmpty()) {
                    ctx.timers().registerEventTimeTimer(b.dateTime() + 1); // one timer per key, not per bid
                }
                early.add(new EarlyBid(b.price(), b.dateTime()));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, TimerContext<Long> ctx, Emitter<ClosedAuction> out) {
        OpenAuction open = ctx.state(AUCTION).get();
        if (open == null) {
            dropHopelessEarlyBids(ctx);
        } else if (timestamp == open.closesAt()) {
            if (open.best() != OpenAuction.NO_BID) {
                out.emit(new ClosedAuction(ctx.currentKey(), open.category(), open.best(), timestamp));
            }
            ctx.state(AUCTION).clear();
        }
        // else: an early-bid timer the auction did not delete (one restored from a checkpoint of a version that
        // kept it at the earliest bid); nothing to do
    }

    /**
     * Early bids older than the watermark cannot qualify for an auction that is still to come: they go, and the
     * key's one early-bid timer moves to the first bid left (the list keeps arrival order).
     */
    private static void dropHopelessEarlyBids(TimerContext<Long> ctx) {
        ListState<EarlyBid> early = ctx.state(EARLY_BIDS);
        List<EarlyBid> keep = new ArrayList<>();
        for (EarlyBid b : early.get()) {
            if (b.dateTime() >= ctx.currentWatermark()) {
                keep.add(b);
            }
        }
        early.update(keep);
        if (!keep.isEmpty()) {
            ctx.timers().registerEventTimeTimer(keep.get(0).dateTime() + 1);
        }
    }
}
