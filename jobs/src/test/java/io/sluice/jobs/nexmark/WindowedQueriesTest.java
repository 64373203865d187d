package io.sluice.jobs.nexmark;

import static io.sluice.jobs.nexmark.NexmarkJobRuns.json;
import static io.sluice.jobs.nexmark.NexmarkJobRuns.resource;
import static io.sluice.jobs.nexmark.NexmarkJobRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.jobs.CliRun;
import io.sluice.jobs.nexmark.NexmarkQ11.BidderSession;
import io.sluice.jobs.nexmark.NexmarkQ5.HotItem;
import io.sluice.jobs.nexmark.NexmarkQ7.HighestBid;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nexmark-q5, q7 and q11 (design.md §6) through the CLI: hand-written event files with the output worked out by
 * hand, and 200,000 generated events checked against {@link WindowQueriesReference}. Output order is not
 * defined, so outputs are compared as multisets.
 */
class WindowedQueriesTest {

    /** 2026-01-01T00:00:00Z, the time the hand-written files count from (a multiple of 10 s). */
    private static final long T = 1_767_225_600_000L;
    private static final String GENERATED = "gen:nexmark?events=200000";

    @TempDir
    static Path shared;
    private static List<NexmarkEvent> generated;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        CliRun copy = CliRun.sluice("run", "copy", "--parallelism", "1", "-p", "source=" + GENERATED,
                "-p", "sink=file:" + shared.resolve("generated.jsonl"));
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        generated = NexmarkJobRuns.onTimeEvents(shared.resolve("generated.jsonl"), 0);
        assertThat(generated).hasSize(200_000);
    }

    /**
     * {@code q5-events.jsonl}, times relative to T: auction 1001 bids at 100, 1900 (100 ms out of order) and
     * 10000 (exactly the end of window [0, 10000), so in the windows from 2000 on); 1002 at 1999 and 2000 (either
     * side of a slide boundary) and 12500; 1003 at 9999, 9800 (exactly at the bound: on time) and 9700 (late:
     * 10000 was seen, watermark 9800; it would make 1003 the only winner of [0, 10000)); 1004 at 12000 and 13000.
     * A person at 2100 only moves the watermark.
     */
    @Test
    void q5HandWrittenEventsGiveEveryTiedHotItemPerWindow() throws Exception {
        List<String> out = run(dir, "nexmark-q5", "file:" + resource(dir, "q5-events.jsonl"), 1);
        assertThat(out).containsExactlyInAnyOrderElementsOf(json(HotItem.class, List.of(
                hot(-8000, 1001, 2),
                hot(-6000, 1001, 2), hot(-6000, 1002, 2),
                hot(-4000, 1001, 2), hot(-4000, 1002, 2),
                hot(-2000, 1001, 2), hot(-2000, 1002, 2),
                hot(0, 1001, 2), hot(0, 1002, 2), hot(0, 1003, 2),
                hot(2000, 1003, 2),
                hot(4000, 1003, 2), hot(4000, 1004, 2),
                hot(6000, 1003, 2), hot(6000, 1004, 2),
                hot(8000, 1003, 2), hot(8000, 1004, 2),
                hot(10000, 1004, 2),
                hot(12000, 1004, 2))));
        assertThat(out.get(0)).startsWith("{\"windowStart\":").contains("\"windowEnd\":", "\"auction\":", "\"count\":");
    }

    /**
     * {@code q7-events.jsonl}: window [0, 10000) has 500 and three bids of 700 (one at 9999, one at 9850 arriving
     * after it, 149 ms out of order); the bid of 1000 at 9700 arrives after 10000 and is late. [10000, 20000) has
     * two bids of 300, at exactly 10000 and at 19999; [20000, 30000) one bid of 50.
     */
    @Test
    void q7HandWrittenEventsGiveEveryTiedHighestBidPerWindow() throws Exception {
        List<String> out = run(dir, "nexmark-q7", "file:" + resource(dir, "q7-events.jsonl"), 2);
        assertThat(out).containsExactlyInAnyOrderElementsOf(json(HighestBid.class, List.of(
                new HighestBid(T, T + 10_000, 1002, 11, 700),
                new HighestBid(T, T + 10_000, 1003, 12, 700),
                new HighestBid(T, T + 10_000, 1004, 13, 700),
                new HighestBid(T + 10_000, T + 20_000, 1005, 14, 300),
                new HighestBid(T + 10_000, T + 20_000, 1007, 16, 300),
                new HighestBid(T + 20_000, T + 30_000, 1008, 17, 50))));
        assertThat(out.get(0)).matches("\\{\"windowStart\":\\d+,\"windowEnd\":\\d+,\"auction\":\\d+,\"bidder\":\\d+,\"price\":\\d+}");
    }

    /**
     * {@code q11-events.jsonl}: bidder 1 bids at 0, 10000 (exactly the gap: same session) and 20001 (the gap
     * + 1 ms: a new one); bidder 2 at 5000, 4900 (out of order), 15000 (exactly the gap) and 25001 (gap + 1);
     * bidder 3 at 100, which is late (20001 was seen), and at 24900.
     */
    @Test
    void q11HandWrittenEventsGiveTheSessionsPerBidder() throws Exception {
        List<String> out = run(dir, "nexmark-q11", "file:" + resource(dir, "q11-events.jsonl"), 2);
        assertThat(out).containsExactlyInAnyOrderElementsOf(json(BidderSession.class, List.of(
                new BidderSession(1, 2, T, T + 20_000),
                new BidderSession(1, 1, T + 20_001, T + 30_001),
                new BidderSession(2, 3, T + 4_900, T + 25_000),
                new BidderSession(2, 1, T + 25_001, T + 35_001),
                new BidderSession(3, 1, T + 24_900, T + 34_900))));
        assertThat(out.get(0)).matches("\\{\"bidder\":\\d+,\"count\":\\d+,\"windowStart\":\\d+,\"windowEnd\":\\d+}");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void q5OnGeneratedEventsMatchesTheReference(int parallelism) throws Exception {
        List<String> expected = json(HotItem.class, WindowQueriesReference.q5(generated));
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(run(dir, "nexmark-q5", GENERATED, parallelism)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void q7OnGeneratedEventsMatchesTheReference(int parallelism) throws Exception {
        List<String> expected = json(HighestBid.class, WindowQueriesReference.q7(generated));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(run(dir, "nexmark-q7", GENERATED, parallelism)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void q11OnGeneratedEventsMatchesTheReference(int parallelism) throws Exception {
        List<String> expected = json(BidderSession.class, WindowQueriesReference.q11(generated));
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(run(dir, "nexmark-q11", GENERATED, parallelism)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theFileAndTheGeneratorGiveTheSameResults() throws Exception {
        Path file = shared.resolve("generated.jsonl");
        assertThat(run(dir, "nexmark-q5", "file:" + file, 2))
                .containsExactlyInAnyOrderElementsOf(json(HotItem.class, WindowQueriesReference.q5(generated)));
    }

    @Test
    void theRunSummaryCountsTheLateBids() throws Exception {
        Path out = dir.resolve("q11.jsonl");
        CliRun r = CliRun.sluice("run", "nexmark-q11", "-p", "source=file:" + resource(dir, "q11-events.jsonl"),
                "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("bids-per-session: 1 late records");
    }

    @Test
    void theJobsAreListedAndPlanned() {
        assertThat(CliRun.sluice("jobs").out()).contains("nexmark-q5", "nexmark-q7", "nexmark-q11");
        CliRun plan = CliRun.sluice("plan", "nexmark-q5", "--parallelism", "2");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("bids-per-auction", "hottest-per-window", "partitioned(hash)");
    }

    private static HotItem hot(long start, long auction, long count) {
        return new HotItem(T + start, T + start + 10_000, auction, count);
    }
}
