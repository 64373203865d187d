package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowResult;
import io.sluice.api.window.Windows;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: for random events that arrive out of order by at most the watermark bound, tumbling, sliding,
 * session and whole-stream windows give exactly the results of a brute-force computation, whatever the arrival
 * order within the bound and at parallelism 1, 2 and 4. 200 cases from fixed seeds (the failing seed is
 * reported), each run as one pipeline with the four windowed aggregations side by side.
 */
class WindowPropertyTest {

    private static final int CASES = 200;

    record Ev(int key, long ts, long value) {
    }

    /** One random case: the events in time order, the bound, and the window definitions. */
    record Case(long seed, List<Ev> events, long bound, WindowDefinition tumbling, WindowDefinition sliding,
                WindowDefinition session) {
    }

    @Test
    void windowedResultsDoNotDependOnArrivalOrderOrParallelismAndMatchBruteForce() throws Exception {
        for (int i = 0; i < CASES; i++) {
            long seed = 0x5EED_0000L + i;
            Case c = generate(seed);
            Map<String, Long> expected = reference(c);
            SplittableRandom random = new SplittableRandom(seed * 31 + 7);
            for (int parallelism : new int[] {1, 2, 4}) {
                List<Ev> arrival = shuffleWithinBound(c.events(), c.bound(), random);
                Map<String, Long> actual = run(c, arrival, parallelism);
                assertThat(actual).as("seed %d at parallelism %d: %s", seed, parallelism, c).isEqualTo(expected);
            }
        }
    }

    private static Case generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int keys = 1 + r.nextInt(12);
        int n = r.nextInt(160);
        long base = r.nextLong(-2_000, 2_000);
        long span = 1 + r.nextInt(400);
        List<Ev> events = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            events.add(new Ev(r.nextInt(keys), base + r.nextLong(span), r.nextLong(1, 100)));
        }
        events.sort(Comparator.comparingLong(Ev::ts));
        long bound = r.nextInt(40);
        long size = 1 + r.nextInt(50);
        long slide = 1 + r.nextLong(size);
        WindowDefinition tumbling = Windows.tumbling(Duration.ofMillis(size));
        WindowDefinition sliding = Windows.sliding(Duration.ofMillis(size + 1 + r.nextInt(30)), Duration.ofMillis(slide));
        WindowDefinition session = Windows.session(Duration.ofMillis(1 + r.nextInt(30)));
        if (r.nextBoolean()) {
            tumbling = tumbling.withOffset(Duration.ofMillis(r.nextInt(100)));
            sliding = sliding.withOffset(Duration.ofMillis(r.nextInt(100)));
        }
        if (r.nextInt(4) == 0) {
            Duration lateness = Duration.ofMillis(r.nextInt(30));
            tumbling = tumbling.allowedLateness(lateness);
            sliding = sliding.allowedLateness(lateness);
            session = session.allowedLateness(lateness);
        }
        return new Case(seed, List.copyOf(events), bound, tumbling, sliding, session);
    }

    /**
     * An arrival order in which no event comes after one more than {@code bound} newer: sort by time plus a
     * random delay in {@code [0, bound]}.
     */
    private static List<Ev> shuffleWithinBound(List<Ev> events, long bound, SplittableRandom random) {
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            keyed.add(new long[] {events.get(i).ts() + random.nextLong(bound + 1), i});
        }
        keyed.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1] * 7919 % 101));
        List<Ev> arrival = new ArrayList<>();
        for (long[] k : keyed) {
            arrival.add(events.get((int) k[1]));
        }
        return arrival;
    }

    private static Map<String, Long> run(Case c, List<Ev> arrival, int parallelism) throws Exception {
        CollectingSink<WindowResult<Integer, Long>> tumbling = new CollectingSink<>("tumbling");
        CollectingSink<WindowResult<Integer, Long>> sliding = new CollectingSink<>("sliding");
        CollectingSink<WindowResult<Integer, Long>> session = new CollectingSink<>("session");
        CollectingSink<AllWindowResult<Long>> all = new CollectingSink<>("all");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        Pipeline p = Pipeline.create();
        Stream<Ev> events = p.source(ListSource.of(arrival),
                WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ofMillis(c.bound())));
        var t = events.keyBy(Ev::key).window(c.tumbling());
        t.aggregate(Aggregations.summingLong(Ev::value)).sink(tumbling);
        t.lateEvents().sink(late);
        events.keyBy(Ev::key).window(c.sliding()).aggregate(Aggregations.summingLong(Ev::value)).sink(sliding);
        events.keyBy(Ev::key).window(c.session()).aggregate(Aggregations.counting()).sink(session);
        events.windowAll(c.tumbling()).aggregate(Aggregations.counting()).sink(all);
        PipelineTestDriver.withParallelism(parallelism).run(p);

        assertThat(late.items()).as("late events of seed %d", c.seed()).isEmpty();
        Map<String, Long> out = new TreeMap<>();
        collect(out, "tumbling", tumbling.items());
        collect(out, "sliding", sliding.items());
        collect(out, "session", session.items());
        for (AllWindowResult<Long> r : all.items()) {
            put(out, "all [" + r.windowStart() + "," + r.windowEnd() + ")", r.value());
        }
        return out;
    }

    private static void collect(Map<String, Long> out, String kind, List<WindowResult<Integer, Long>> results) {
        for (WindowResult<Integer, Long> r : results) {
            put(out, kind + " " + r.key() + " [" + r.windowStart() + "," + r.windowEnd() + ")", r.value());
        }
    }

    /** Each window must come out exactly once (no early results or late updates are asked for). */
    private static void put(Map<String, Long> out, String window, long value) {
        Long before = out.put(window, value);
        assertThat(before).as("%s emitted twice", window).isNull();
    }

    // ---- brute force ---------------------------------------------------------------------------------------

    private static Map<String, Long> reference(Case c) {
        Map<String, Long> out = new TreeMap<>();
        long size = c.tumbling().sizeMillis();
        long offset = c.tumbling().offsetMillis();
        for (Ev e : c.events()) {
            long start = e.ts() - Math.floorMod(e.ts() - offset, size);
            out.merge("tumbling " + e.key() + " [" + start + "," + (start + size) + ")", e.value(), Long::sum);
            out.merge("all [" + start + "," + (start + size) + ")", 1L, Long::sum);
        }
        long sSize = c.sliding().sizeMillis();
        long slide = c.sliding().slideMillis();
        long sOffset = c.sliding().offsetMillis();
        for (Ev e : c.events()) {
            for (long start = e.ts() - Math.floorMod(e.ts() - sOffset, slide); start > e.ts() - sSize; start -= slide) {
                out.merge("sliding " + e.key() + " [" + start + "," + (start + sSize) + ")", e.value(), Long::sum);
            }
        }
        long gap = c.session().gapMillis();
        Map<Integer, List<Long>> times = new HashMap<>();
        for (Ev e : c.events()) {
            times.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.ts());
        }
        for (Map.Entry<Integer, List<Long>> byKey : times.entrySet()) {
            List<Long> ts = byKey.getValue();
            ts.sort(null);
            int first = 0;
            for (int i = 1; i <= ts.size(); i++) {
                if (i == ts.size() || ts.get(i) - ts.get(i - 1) > gap) {
                    out.put("session " + byKey.getKey() + " [" + ts.get(first) + "," + (ts.get(i - 1) + gap) + ")",
                            (long) (i - first));
                    first = i;
                }
            }
        }
        return out;
    }
}
