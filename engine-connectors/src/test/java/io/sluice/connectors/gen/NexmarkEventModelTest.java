package io.sluice.connectors.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NexmarkEventModelTest {

    static final int N = 200_000;
    final EventTime time = new EventTime(EventTime.DEFAULT_EVENTS_PER_SECOND);
    final NexmarkEventModel model = new NexmarkEventModel(42, time);

    @Test
    void mixesPersonsAuctionsAndBids1To3To46ByPositionInBlock() {
        for (long i = 0; i < 5_000; i++) {
            NexmarkEvent e = model.event(i);
            long position = i % 50;
            Class<?> expected = position == 0 ? Person.class : position < 4 ? Auction.class : Bid.class;
            assertThat(e).as("event %d", i).isInstanceOf(expected);
        }
    }

    @Test
    void idsAreSequentialAndReferencesPointToExistingRecentEntities() {
        long nextPerson = 1000;
        long nextAuction = 1000;
        for (long i = 0; i < N; i++) {
            NexmarkEvent e = model.event(i);
            if (e instanceof Person p) {
                assertThat(p.id()).isEqualTo(nextPerson++);
            } else if (e instanceof Auction a) {
                assertThat(a.id()).isEqualTo(nextAuction++);
                assertThat(a.seller()).isBetween(Math.max(1000, nextPerson - 1000), nextPerson - 1);
            } else if (e instanceof Bid b) {
                assertThat(b.auction()).isBetween(1000L, nextAuction - 1);
                assertThat(b.bidder()).isBetween(Math.max(1000, nextPerson - 1000), nextPerson - 1);
            }
        }
    }

    @Test
    void categoriesPricesAndExpiryAreInRange() {
        Map<Long, Integer> categories = new HashMap<>();
        int auctions = 0;
        for (long i = 0; i < N; i++) {
            NexmarkEvent e = model.event(i);
            if (e instanceof Auction a) {
                auctions++;
                categories.merge(a.category(), 1, Integer::sum);
                assertThat(a.initialBid()).isPositive();
                assertThat(a.reserve()).isGreaterThanOrEqualTo(a.initialBid());
                assertThat(a.expires() - a.dateTime()).isBetween(2_000L, 21_000L);
            } else if (e instanceof Bid b) {
                assertThat(b.price()).isPositive();
                assertThat(b.url()).contains(b.channel().toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(categories.keySet()).containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 14L);
        for (int count : categories.values()) {
            assertThat((double) count / auctions).isBetween(0.18, 0.22);
        }
    }

    @Test
    void aboutOneEventInTenIsLateByLessThan200ms() {
        int late = 0;
        long maxSeen = Long.MIN_VALUE / 2;
        for (long i = 0; i < N; i++) {
            long t = model.event(i).dateTime();
            long delay = time.millis(i) - t;
            assertThat(delay).isBetween(0L, 199L);
            if (delay > 0) {
                late++;
            }
            // Never at or behind the watermark "max seen - 200 ms".
            assertThat(t).isGreaterThan(maxSeen - 200);
            maxSeen = Math.max(maxSeen, t);
        }
        assertThat((double) late / N).isBetween(0.09, 0.11);
    }

    @Test
    void eventTimeStartsAtTheFixedEpochAndIsSpacedByTheRate() {
        assertThat(time.millis(0)).isEqualTo(1_767_225_600_000L);
        assertThat(time.millis(10_000)).isEqualTo(1_767_225_601_000L);
        EventTime thirds = new EventTime(3);
        assertThat(thirds.millis(1) - thirds.millis(0)).isEqualTo(333);
        assertThat(thirds.millis(3_000_000_000L) - thirds.millis(0)).isEqualTo(1_000_000_000_000L);
        assertThat(new EventTime(7).offsetMicros(Long.MAX_VALUE / 2)).isPositive();
    }

    @Test
    void personsLiveInStatesIncludingTheOnesQuery3Selects() {
        Set<String> states = new HashSet<>();
        for (long i = 0; i < N; i += 50) {
            Person p = (Person) model.event(i);
            states.add(p.state());
            assertThat(p.emailAddress()).contains("@");
            assertThat(p.creditCard()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        }
        assertThat(states).contains("OR", "ID", "CA");
    }

    @Test
    void bidsConcentrateOnHotAuctionsAndMostAuctionsGetAWinningBid() {
        Map<Long, Auction> auctions = new HashMap<>();
        Map<Long, Integer> bidsPerAuction = new HashMap<>();
        Set<Long> won = new HashSet<>();
        for (long i = 0; i < N; i++) {
            NexmarkEvent e = model.event(i);
            if (e instanceof Auction a) {
                auctions.put(a.id(), a);
            } else if (e instanceof Bid b) {
                bidsPerAuction.merge(b.auction(), 1, Integer::sum);
                Auction a = auctions.get(b.auction());
                if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires() && b.price() >= a.reserve()) {
                    won.add(a.id());
                }
            }
        }
        int max = bidsPerAuction.values().stream().max(Integer::compare).orElseThrow();
        double mean = bidsPerAuction.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(max).isGreaterThan((int) (20 * mean));
        assertThat((double) won.size() / auctions.size()).isGreaterThan(0.5);
    }

    @Test
    void eventsArePureFunctionsOfSeedAndIndex() {
        NexmarkEventModel again = new NexmarkEventModel(42, time);
        NexmarkEventModel otherSeed = new NexmarkEventModel(43, time);
        int differences = 0;
        for (long i = 10_000; i > 0; i -= 7) {
            assertThat(again.event(i)).isEqualTo(model.event(i));
            if (!otherSeed.event(i).equals(model.event(i))) {
                differences++;
            }
        }
        assertThat(differences).isGreaterThan(1_000);
    }

    @Test
    void onePartitionIsTheStreamOfEarlierVersions() {
        // The hash of the first 100,000 events' text as the model made them before partitions existed (2b7137b).
        NexmarkEventModel one = new NexmarkEventModel(42, time, 1);
        long h = 0;
        for (long i = 0; i < 100_000; i++) {
            h = h * 31 + one.event(i).toString().hashCode();
        }
        assertThat(Long.toHexString(h)).isEqualTo("cc52c57a4701c71");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void partitionsAreSelfContainedWithDistinctIdsOnOneTimeline(int k) {
        NexmarkEventModel partitioned = new NexmarkEventModel(42, time, k);
        Map<Long, Long> personIndex = new HashMap<>();
        Map<Long, Long> auctionIndex = new HashMap<>();
        Set<Long> auctionsBidOn = new HashSet<>();
        long persons = 0;
        long auctions = 0;
        long bids = 0;
        for (long i = 0; i < N; i++) {
            NexmarkEvent e = partitioned.event(i);
            long partition = i % k;
            // one timeline: the event time is the unpartitioned stream's, up to the same out-of-order delay
            assertThat(e.dateTime()).isBetween(time.millis(i) - 199, time.millis(i));
            if (e instanceof Person p) {
                assertThat(personIndex.put(p.id(), i)).as("person id %d once", p.id()).isNull();
                persons++;
            } else if (e instanceof Auction a) {
                assertThat(auctionIndex.put(a.id(), i)).as("auction id %d once", a.id()).isNull();
                assertThat(partitioned.auctionIndex(a.id())).isEqualTo(i);
                assertThat(personIndex.get(a.seller()) % k).as("seller of %s", a).isEqualTo(partition);
                auctions++;
            } else {
                Bid b = (Bid) e;
                Long auctionAt = auctionIndex.get(b.auction());
                assertThat(auctionAt).as("auction of bid %d made before it", i).isNotNull().isLessThan(i);
                assertThat(auctionAt % k).as("auction of bid %d in its partition", i).isEqualTo(partition);
                assertThat(personIndex.get(b.bidder()) % k).as("bidder of bid %d in its partition", i)
                        .isEqualTo(partition);
                auctionsBidOn.add(b.auction());
                bids++;
            }
        }
        assertThat(new long[] {persons, auctions, bids}).containsExactly(N / 50, 3 * N / 50, 46 * N / 50);
        // ids interleave like the unpartitioned stream's: the first N/50 persons and 3N/50 auctions, no gaps
        assertThat(personIndex.keySet()).allMatch(id -> id >= 1000 && id < 1000 + N / 50);
        assertThat(auctionIndex.keySet()).allMatch(id -> id >= 1000 && id < 1000 + 3 * N / 50);
        assertThat((long) auctionsBidOn.size()).isGreaterThan(auctions / 2);
    }
}
