package io.sluice.jobs.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.nexmark.Auction;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.nexmark.Person;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nexmark-q8 (design.md §6): a hand-written event file with its output worked out by hand, and generated events. */
class NexmarkQ8Test {

    private static final long T = 1_767_225_600_000L; // a multiple of 10 s

    @TempDir
    Path dir;

    /**
     * {@code q8-events.jsonl}, times relative to T: Ada registers at 1 s and opens two auctions in [0, 10 s):
     * one line. Alan registers at 9.999 s, his auction at 10 s is in the next window: nothing. Grace registers at
     * exactly 10 s and sells at 19.999 s: [10 s, 20 s). Linus's auction arrives before he registers, same window.
     * Edsger's auction comes out of order, exactly at the watermark, so it is on time. Nobody sells nothing; an
     * auction whose seller never registered matches no one; Ada's auction at 26 s is outside her window. Frances
     * in [20 s, 30 s) fires at the end of the input.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void handWrittenEventsGiveOneLinePerWindowAndNewSeller(int parallelism) throws Exception {
        Path events = NexmarkJobRuns.resource(dir, "q8-events.jsonl");
        assertThat(NexmarkJobRuns.run(dir, "nexmark-q8", "file:" + events, parallelism)).containsExactlyInAnyOrder(
                line(0, 2000, "Ada Lovelace"),
                line(10_000, 2002, "Grace Hopper"),
                line(10_000, 2003, "Linus Torvalds"),
                line(10_000, 2004, "Edsger Dijkstra"),
                line(20_000, 2007, "Frances Allen"));
    }

    /** 200,000 generated events: the job's output is, as a multiset, the reference's. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void generatedEventsMatchAStraightforwardReference(int parallelism) throws Exception {
        String uri = "gen:nexmark?events=200000";
        List<String> expected = reference(NexmarkJobRuns.onTimeEvents(uri, 0));
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(NexmarkJobRuns.run(dir, "nexmark-q8", uri, parallelism)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String line(long windowStart, long id, String name) {
        return "{\"windowStart\":" + (T + windowStart) + ",\"windowEnd\":" + (T + windowStart + 10_000) + ",\"id\":" + id
                + ",\"name\":\"" + name + "\"}";
    }

    /**
     * Query 8 computed directly: for every person, one line if some auction they sell has its dateTime in the same
     * epoch-aligned 10 s window as the person's.
     */
    private static List<String> reference(List<NexmarkEvent> events) {
        Set<String> sellerWindows = new HashSet<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Auction a) {
                sellerWindows.add(a.seller() + "@" + Math.floorDiv(a.dateTime(), 10_000));
            }
        }
        List<String> rows = new ArrayList<>();
        for (NexmarkEvent e : events) {
            if (e instanceof Person p) {
                long window = Math.floorDiv(p.dateTime(), 10_000);
                if (sellerWindows.contains(p.id() + "@" + window)) {
                    long start = window * 10_000;
                    rows.add("{\"windowStart\":" + start + ",\"windowEnd\":" + (start + 10_000) + ",\"id\":" + p.id()
                            + ",\"name\":\"" + p.name() + "\"}");
                }
            }
        }
        return rows;
    }
}
