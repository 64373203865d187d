package io.sluice.jobs.nexmark;

import static io.sluice.jobs.CliRun.sluice;
import static io.sluice.runtime.testing.OperatorHarness.at;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.transform.KeyedProcess;
import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.jobs.CliRun;
import io.sluice.jobs.nexmark.NexmarkQ4.ClosedAuction;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.process.KeyedProcessOperator;
import io.sluice.runtime.testing.OperatorHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nexmark-q4 (design.md §6): a hand-written event file with the output worked out by hand, the two process
 * functions under the operator harness, and a generator run checked against a straightforward reference.
 */
class NexmarkQ4Test {

    private static final Pattern OUTPUT = Pattern.compile("\\{\"category\":(\\d+),\"avgPrice\":(\\d+)}");

    @TempDir
    Path dir;

    /**
     * {@code q4-events.jsonl}, relative times in ms: category 10 has auction 1001 (expires 500, closing price
     * 80: the bid of 999 is before the auction opened, the bid of 80 is at exactly expires, 1000 after it)
     * and auction 1000 (expires 1000, closing price 501 at exactly expires; 90 is below the reserve, 10000
     * after expiry; a bid of 700 at 700 comes after one at 1001, so below the watermark of 801: late, ignored);
     * category 11 has 1004 (30) and 1002 (no bid reaches its reserve: ignored); category 12 has 1003, whose bid
     * of 300 arrived before the auction itself. Closes in expiry order: 1001, 1004, 1003,
     * (1002), 1000 — the last one (80 + 501) / 2 = 290 by integer division.
     */
    @Test
    void handWrittenEventsGiveTheAverageClosingPricePerCategory() throws IOException {
        assertThat(run(events(), 1)).containsExactly(
                "{\"category\":10,\"avgPrice\":80}",
                "{\"category\":11,\"avgPrice\":30}",
                "{\"category\":12,\"avgPrice\":300}",
                "{\"category\":10,\"avgPrice\":290}");
    }

    @Test
    void handWrittenEventsGiveTheSameSequencePerCategoryAtParallelismTwo() throws IOException {
        assertThat(perCategory(run(events(), 2))).isEqualTo(Map.of(
                10L, List.of(80L, 290L), 11L, List.of(30L), 12L, List.of(300L)));
    }

    @Test
    void planShowsTheTwoKeyedStages() {
        CliRun r = sluice("plan", "nexmark-q4", "--parallelism", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("closing-prices", "average-per-category");
    }

    @Test
    void auctionClosingSurvivesSnapshotsAndBackpressure() {
        OperatorHarness.verify(closing(), List.of(
                        at(auction(1, 10, 0, 100, 50), 0),
                        at(bid(2, 60, 40), 40),            // auction 2 is not there yet
                        at(bid(1, 70, 10), 10),
                        at(auction(2, 11, 30, 200, 10), 30),
                        at(bid(1, 40, 20), 20),            // below reserve
                        watermarkOf(90),
                        at(bid(1, 90, 100), 100),          // at expires: counts
                        at(bid(2, 20, 120), 120),
                        watermarkOf(100),                  // not past 100 yet: auction 1 still open
                        at(bid(1, 95, 101), 101),          // after expires
                        watermarkOf(101),
                        watermarkOf(500)),
                List.of(new ClosedAuction(1, 10, 90, 101), new ClosedAuction(2, 11, 60, 201)));
    }

    @Test
    void lateBidsAndLateAuctionsAreIgnored() {
        try (OperatorHarness h = OperatorHarness.of(closing()).open()) {
            h.process(at(auction(1, 10, 0, 100, 50), 0), watermarkOf(60),
                    at(bid(1, 500, 59), 59),                  // late: below the watermark
                    at(bid(1, 70, 60), 60),                   // exactly at the watermark: not late
                    at(auction(2, 10, 50, 300, 1), 50),       // late auction
                    at(bid(2, 80, 70), 70),
                    watermarkOf(1000));
            assertThat(h.output()).containsExactly(new ClosedAuction(1, 10, 70, 101));
            assertThat(((KeyedProcessOperator) h.operator()).stateSize()).isZero();
        }
    }

    @Test
    void earlyBidsWaitForTheirAuctionUntilTheWatermarkPassesThem() {
        try (OperatorHarness h = OperatorHarness.of(closing()).open()) {
            h.process(at(bid(1, 70, 50), 50), at(bid(1, 80, 60), 60), watermarkOf(55));
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            // the bid at 50 is dropped: an auction that is still to come opens at 55 or later
            h.process(at(auction(1, 10, 55, 100, 1), 55), watermarkOf(1000));
            assertThat(h.output()).containsExactly(new ClosedAuction(1, 10, 80, 101));
            assertThat(op.stateSize()).isZero();
            assertThat(op.pendingTimers()).isZero();
        }
    }

    @Test
    void anAuctionDeletesTheEarlyBidTimerOfItsKey() {
        try (OperatorHarness h = OperatorHarness.of(closing()).open()) {
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            h.process(at(bid(1, 70, 50), 50), at(bid(1, 60, 40), 40));
            assertThat(op.pendingTimers()).isEqualTo(1); // one early-bid timer for the key, not one per bid
            h.process(at(auction(1, 10, 30, 100, 1), 30));
            assertThat(op.pendingTimers()).isEqualTo(1); // only the close remains
            h.process(watermarkOf(1000));
            assertThat(h.output()).containsExactly(new ClosedAuction(1, 10, 70, 101));
            assertThat(op.stateSize()).isZero();
            assertThat(op.pendingTimers()).isZero();
        }
    }

    @Test
    void anAuctionDeletesTheEarlyBidTimerMovedByADropAcrossASnapshot() {
        try (OperatorHarness h = OperatorHarness.of(closing()).open()) {
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            // the timer at 61 drops the bid at 60 and moves to the first bid left, 80 (+ 1)
            h.process(at(bid(1, 60, 60), 60), at(bid(1, 90, 80), 80), at(bid(1, 70, 70), 70), watermarkOf(61));
            assertThat(op.pendingTimers()).isEqualTo(1);
            h.snapshotAndRestore();
            op = (KeyedProcessOperator) h.operator();
            h.process(at(auction(1, 10, 65, 200, 1), 65));
            assertThat(op.pendingTimers()).isEqualTo(1); // the moved early-bid timer is gone, the close remains
            h.process(watermarkOf(1000));
            assertThat(h.output()).containsExactly(new ClosedAuction(1, 10, 90, 201));
            assertThat(op.stateSize()).isZero();
            assertThat(op.pendingTimers()).isZero();
        }
    }

    @Test
    void anEarlyBidTimerAtTheCloseTimeStillClosesTheAuction() {
        try (OperatorHarness h = OperatorHarness.of(closing()).open()) {
            // the early bid at exactly expires has its timer at expires + 1, the auction's close time
            h.process(at(bid(1, 80, 100), 100), at(auction(1, 10, 55, 100, 1), 55), watermarkOf(1000));
            assertThat(h.output()).containsExactly(new ClosedAuction(1, 10, 80, 101));
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            assertThat(op.stateSize()).isZero();
            assertThat(op.pendingTimers()).isZero();
        }
    }

    @Test
    void categoryAveragesFoldClosesInCloseTimeOrderWhateverTheirArrivalOrder() {
        OperatorHarness.verify(averages(), List.of(
                        at(new ClosedAuction(7, 10, 300, 200), 200),
                        at(new ClosedAuction(5, 10, 100, 100), 100),
                        at(new ClosedAuction(6, 10, 201, 100), 100),
                        at(new ClosedAuction(8, 11, 5, 150), 150),
                        watermarkOf(150),
                        at(new ClosedAuction(9, 10, 1, 180), 180),
                        watermarkOf(Long.MAX_VALUE)),
                List.of(new NexmarkQ4.CategoryAverage(10, 100), new NexmarkQ4.CategoryAverage(10, 150),
                        new NexmarkQ4.CategoryAverage(11, 5), new NexmarkQ4.CategoryAverage(10, 100),
                        new NexmarkQ4.CategoryAverage(10, 150)));
    }

    /**
     * 200,000 generated events: the job's output per category equals a direct computation's, in order; also on a
     * partitioned stream, whose instances each read bids with their own auctions.
     */
    @ParameterizedTest
    @CsvSource({"1, gen:nexmark?events=200000", "2, gen:nexmark?events=200000",
            "1, gen:nexmark?events=200000&partitions=2", "2, gen:nexmark?events=200000&partitions=2"})
    void generatedEventsMatchAStraightforwardReference(int parallelism, String uri) throws Exception {
        Map<Long, List<Long>> expected = reference(NexmarkJobRuns.readAll(uri));
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(1000);

        Path out = dir.resolve("q4-gen.jsonl");
        CliRun r = sluice("run", "nexmark-q4", "--parallelism", String.valueOf(parallelism),
                "-p", "source=" + uri, "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(perCategory(Files.readAllLines(out))).isEqualTo(expected);
    }

    /**
     * Query 4 computed directly: drop late events (timestamp below the highest dateTime so far − 200 ms),
     * take every auction's highest qualifying bid, close the auctions in expiry order (ties by id) and keep
     * a running average per category.
     */
    private static Map<Long, List<Long>> reference(List<NexmarkEvent> events) {
        Map<Long, Auction> auctions = new HashMap<>();
        List<Bid> bids = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        int late = 0;
        for (NexmarkEvent e : events) {
            long watermark = maxSeen == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeen - 200;
            if (e.dateTime() < watermark) {
                late++;
                continue;
            }
            maxSeen = Math.max(maxSeen, e.dateTime());
            if (e instanceof Auction a) {
                auctions.putIfAbsent(a.id(), a);
            } else if (e instanceof Bid b) {
                bids.add(b);
            }
        }
        assertThat(late).as("late events in the generated data").isZero();
        Map<Long, Long> best = new HashMap<>();
        for (Bid b : bids) {
            Auction a = auctions.get(b.auction());
            if (a != null && b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires() && b.price() >= a.reserve()) {
                best.merge(a.id(), b.price(), Math::max);
            }
        }
        List<Auction> closed = new ArrayList<>();
        for (Auction a : auctions.values()) {
            if (best.containsKey(a.id())) {
                closed.add(a);
            }
        }
        closed.sort(Comparator.comparingLong(Auction::expires).thenComparingLong(Auction::id));
        Map<Long, long[]> sumCount = new HashMap<>();
        Map<Long, List<Long>> averages = new LinkedHashMap<>();
        for (Auction a : closed) {
            long[] sc = sumCount.computeIfAbsent(a.category(), c -> new long[2]);
            sc[0] += best.get(a.id());
            sc[1]++;
            averages.computeIfAbsent(a.category(), c -> new ArrayList<>()).add(sc[0] / sc[1]);
        }
        return averages;
    }

    private static Map<Long, List<Long>> perCategory(List<String> lines) {
        Map<Long, List<Long>> byCategory = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = OUTPUT.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            byCategory.computeIfAbsent(Long.parseLong(m.group(1)), c -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
        }
        return byCategory;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<Operator> closing() {
        return () -> new KeyedProcessOperator(new KeyedProcess(e -> NexmarkQ4.auctionId((NexmarkEvent) e),
                (KeyedProcessFunction) new AuctionClosing()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<Operator> averages() {
        return () -> new KeyedProcessOperator(new KeyedProcess(c -> ((ClosedAuction) c).category(),
                (KeyedProcessFunction) new CategoryAverages()));
    }

    private static Auction auction(long id, long category, long dateTime, long expires, long reserve) {
        return new Auction(id, "item", "", 1, reserve, dateTime, expires, 1000, category, "");
    }

    private static Bid bid(long auction, long price, long dateTime) {
        return new Bid(auction, 1000, price, "", "", dateTime, "");
    }

    private Path events() throws IOException {
        Path events = dir.resolve("q4-events.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/nexmark/q4-events.jsonl")) {
            Files.copy(in, events);
        }
        return events;
    }

    private List<String> run(Path events, int parallelism) throws IOException {
        Path out = dir.resolve("q4-p" + parallelism + ".jsonl");
        CliRun r = sluice("run", "nexmark-q4", "--parallelism", String.valueOf(parallelism),
                "-p", "source=file:" + events, "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

}
