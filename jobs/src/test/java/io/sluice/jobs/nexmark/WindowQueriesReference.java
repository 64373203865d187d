package io.sluice.jobs.nexmark;

import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.jobs.nexmark.NexmarkQ11.BidderSession;
import io.sluice.jobs.nexmark.NexmarkQ5.HotItem;
import io.sluice.jobs.nexmark.NexmarkQ7.HighestBid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * q5, q7 and q11 computed the plain way, over the on-time events of an input (the late ones already removed):
 * every bid put into every window it belongs to, then the query's selection. No engine code involved.
 */
final class WindowQueriesReference {

    private static final long SIZE = 10_000;
    private static final long SLIDE = 2_000;
    private static final long GAP = 10_000;

    private WindowQueriesReference() {
    }

    static List<HotItem> q5(List<NexmarkEvent> events) {
        Map<Long, Map<Long, Long>> countsByWindow = new TreeMap<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Bid b) {
                long t = b.dateTime();
                for (long start = t - Math.floorMod(t, SLIDE); start > t - SIZE; start -= SLIDE) {
                    countsByWindow.computeIfAbsent(start, s -> new HashMap<>()).merge(b.auction(), 1L, Long::sum);
                }
            }
        }
        List<HotItem> out = new ArrayList<>();
        countsByWindow.forEach((start, counts) -> {
            long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            counts.forEach((auction, count) -> {
                if (count == max) {
                    out.add(new HotItem(start, start + SIZE, auction, count));
                }
            });
        });
        return out;
    }

    static List<HighestBid> q7(List<NexmarkEvent> events) {
        Map<Long, List<Bid>> byWindow = new TreeMap<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Bid b) {
                byWindow.computeIfAbsent(Math.floorDiv(b.dateTime(), SIZE) * SIZE, s -> new ArrayList<>()).add(b);
            }
        }
        List<HighestBid> out = new ArrayList<>();
        byWindow.forEach((start, bids) -> {
            long max = bids.stream().mapToLong(Bid::price).max().orElseThrow();
            for (Bid b : bids) {
                if (b.price() == max) {
                    out.add(new HighestBid(start, start + SIZE, b.auction(), b.bidder(), b.price()));
                }
            }
        });
        return out;
    }

    static List<BidderSession> q11(List<NexmarkEvent> events) {
        Map<Long, List<Long>> timesByBidder = new TreeMap<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Bid b) {
                timesByBidder.computeIfAbsent(b.bidder(), x -> new ArrayList<>()).add(b.dateTime());
            }
        }
        List<BidderSession> out = new ArrayList<>();
        timesByBidder.forEach((bidder, times) -> {
            times.sort(null);
            int first = 0;
            for (int i = 1; i <= times.size(); i++) {
                if (i == times.size() || times.get(i) - times.get(i - 1) > GAP) {
                    out.add(new BidderSession(bidder, i - first, times.get(first), times.get(i - 1) + GAP));
                    first = i;
                }
            }
        });
        return out;
    }
}
