package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowResult;
import io.sluice.api.window.WindowedStream;
import io.sluice.api.window.Windows;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.plan.EdgeKind;
import io.sluice.runtime.plan.EdgePlan;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Two-stage windows ({@link LocalWindowAggregator} and the window combining its partials): where the planner puts
 * a local stage, and that the results are exactly those of one stage — late records, allowed lateness and the
 * late side output included — for random cases from fixed seeds (the failing seed is reported).
 */
class TwoStageWindowTest {

    private static final int CASES = 120;

    record Ev(int key, long ts, long value) {
    }

    private static final List<Ev> FEW = List.of(new Ev(1, 1, 5), new Ev(2, 3, 1), new Ev(1, 12, 2), new Ev(2, 19, 4),
            new Ev(1, 25, 3));

    static Stream<Ev> source(Pipeline p, List<Ev> events, long bound) {
        return p.source(ListSource.of(events), WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ofMillis(bound)));
    }

    private static VertexPlan vertexStartingWith(PhysicalPlan plan, Kind kind) {
        return plan.vertices().stream().filter(v -> v.first().kind() == kind).findFirst().orElseThrow();
    }

    // ---- where the planner puts a local stage ----------------------------------------------------------------

    @Test
    void aKeyedWindowBehindAQueueGetsALocalStageAtTheEndOfItsInputsChain() {
        Pipeline p = Pipeline.create();
        source(p, FEW, 0).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10)))
                .aggregate(Aggregations.counting()).named("counts").uid("counts").sink(new CollectingSink<>());

        PhysicalPlan two = PipelineTestDriver.withParallelism(2).plan(p);
        VertexPlan source = vertexStartingWith(two, Kind.SOURCE);
        assertThat(source.chain()).extracting(Transform::kind).containsExactly(Kind.SOURCE, Kind.LOCAL_WINDOW_AGGREGATE);
        assertThat(source.last().uid()).isEqualTo("counts-local");
        assertThat(source.last().name()).isEqualTo("counts (local)");
        VertexPlan window = vertexStartingWith(two, Kind.WINDOW_AGGREGATE);
        assertThat(window.headCombinesPartials()).isTrue();
        EdgePlan edge = window.inbound().get(0);
        assertThat(edge.kind()).isEqualTo(EdgeKind.PARTITIONED);
        assertThat(edge.keyFn()).isSameAs(WindowPartial.KEY);

        PhysicalPlan one = PipelineTestDriver.withParallelism(1).plan(p);
        assertThat(one.vertices()).singleElement().extracting(VertexPlan::chain).asList()
                .extracting(t -> ((Transform) t).kind()).containsExactly(Kind.SOURCE, Kind.WINDOW_AGGREGATE, Kind.SINK);

        PipelineTestDriver off = PipelineTestDriver.withParallelism(2);
        off = off.config(off.config().withTwoStageWindows(false));
        PhysicalPlan disabled = off.plan(p);
        assertThat(vertexStartingWith(disabled, Kind.SOURCE).chain()).extracting(Transform::kind)
                .containsExactly(Kind.SOURCE);
        assertThat(vertexStartingWith(disabled, Kind.WINDOW_AGGREGATE).headCombinesPartials()).isFalse();
    }

    @Test
    void sessionsEarlyResultsAndSharedInputsStayInOneStage() {
        List<WindowDefinition> oneStage = List.of(Windows.session(Duration.ofMillis(5)),
                Windows.tumbling(Duration.ofMillis(10)).earlyResults(Duration.ofMillis(2)),
                Windows.tumbling(Duration.ofMillis(10)).earlyResultsInProcessingTime(Duration.ofMillis(2)));
        for (WindowDefinition d : oneStage) {
            Pipeline p = Pipeline.create();
            source(p, FEW, 0).keyBy(Ev::key).window(d).aggregate(Aggregations.counting()).sink(new CollectingSink<>());
            PhysicalPlan plan = PipelineTestDriver.withParallelism(2).plan(p);
            assertThat(vertexStartingWith(plan, Kind.SOURCE).chain()).as("%s", d).extracting(Transform::kind)
                    .containsExactly(Kind.SOURCE);
        }
        Pipeline shared = Pipeline.create();
        Stream<Ev> events = source(shared, FEW, 0);
        events.keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10))).aggregate(Aggregations.counting())
                .sink(new CollectingSink<>());
        events.map(Ev::value).sink(new CollectingSink<>());
        PhysicalPlan plan = PipelineTestDriver.withParallelism(2).plan(shared);
        assertThat(plan.vertices()).noneMatch(v -> v.last().kind() == Kind.LOCAL_WINDOW_AGGREGATE);
    }

    @Test
    void aWholeStreamWindowBehindAParallelSourceTakesOnePartialPerSliceAndInstance() throws Exception {
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(new Ev(i % 7, i / 3, 1));
        }
        CollectingSink<AllWindowResult<Long>> results = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        source(p, events, 0).windowAll(Windows.tumbling(Duration.ofMillis(100))).aggregate(Aggregations.counting())
                .named("per-window").sink(results);
        PipelineTestDriver driver = PipelineTestDriver.withParallelism(3);
        VertexPlan window = vertexStartingWith(driver.plan(p), Kind.WINDOW_ALL_AGGREGATE);
        assertThat(window.parallelism()).isEqualTo(1);
        assertThat(window.headCombinesPartials()).isTrue();

        JobResult run = driver.run(p);

        List<AllWindowResult<Long>> expected = new ArrayList<>();
        for (int start = 0; start < 1_000; start += 100) {
            expected.add(new AllWindowResult<>(start, start + 100, 300L));
        }
        assertThat(results.items()).containsExactlyInAnyOrderElementsOf(expected);
        OperatorMetrics local = run.metrics().operators().stream().filter(o -> o.name().equals("per-window (local)"))
                .findFirst().orElseThrow();
        assertThat(local.recordsIn()).isEqualTo(3_000);
        assertThat(local.recordsOut()).as("one partial per slice and source instance, at most")
                .isBetween(10L, 30L);
    }

    /**
     * 2,000 records per 200 ms slice: in the first slice every key once (folding saves nothing), later ten keys.
     * After the first slice the local stage sends records alone for eight slices, then folds again.
     */
    @Test
    void afterASliceOfDistinctKeysTheLocalStageSendsRecordsAloneForAWhileAndTheResultsStayTheSame()
            throws Exception {
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 24_000; i++) {
            long ts = i / 10;
            events.add(new Ev(ts < 200 ? i : i % 10, ts, 1));
        }
        List<String> results = new ArrayList<>();
        long[] localInOut = new long[2];
        for (boolean twoStages : new boolean[] {false, true}) {
            CollectingSink<WindowResult<Integer, Long>> sink = new CollectingSink<>();
            Pipeline p = Pipeline.create();
            source(p, events, 0).parallelism(1).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(200)))
                    .aggregate(Aggregations.counting()).named("counts").sink(sink);
            PipelineTestDriver driver = PipelineTestDriver.withParallelism(2);
            JobResult run = driver.config(driver.config().withTwoStageWindows(twoStages)).run(p);
            List<String> out = new ArrayList<>(sink.items().stream().map(Object::toString).toList());
            out.sort(null);
            if (twoStages) {
                assertThat(out).isEqualTo(results);
                OperatorMetrics local = run.metrics().operators().stream()
                        .filter(o -> o.name().equals("counts (local)")).findFirst().orElseThrow();
                localInOut[0] = local.recordsIn();
                localInOut[1] = local.recordsOut();
            } else {
                assertThat(out).hasSize(2_000 + 11 * 10);
                results = out;
            }
        }
        assertThat(localInOut[0]).isEqualTo(24_000);
        // Folding every slice would send 2,000 + 11 x 10 partials; alone for 8 slices, about 2,000 + 16,000 + 30.
        assertThat(localInOut[1]).as("records sent alone for eight slices, then folded again")
                .isBetween(15_000L, 20_000L);
    }

    // ---- same results as one stage ---------------------------------------------------------------------------

    /**
     * One source instance feeding windows at parallelism 2 and 3, with records late beyond the bound (and some
     * allowed lateness): the window's watermark is then the source's, so one stage, two stages and the fused
     * parallelism-1 chain must emit the same results (late updates included), reject the same records to the
     * side output and count the same late records.
     */
    @Test
    void withLateRecordsTwoStagesEmitExactlyWhatOneStageEmits() throws Exception {
        assertSameAsOneStageWithLateRecords(0x2057_0000L, CASES, r -> Case.random(r, true), TwoStageWindowTest::run);
    }

    /** Several source instances, each with its own watermark, out of order within the bound: no record is late. */
    @Test
    void withParallelProducersTwoStagesEmitWhatTheFusedChainEmits() throws Exception {
        assertSameAsFusedWithParallelProducers(0x2057_1000L, CASES, r -> Case.random(r, false),
                TwoStageWindowTest::run);
    }

    /** Runs a random case on a driver, with its source at the given parallelism. */
    interface CaseRun<C> {
        Outcome run(C c, PipelineTestDriver driver, int sourceParallelism) throws Exception;
    }

    /**
     * For {@code cases} seeds from {@code seedBase}: one source instance, windows at parallelism 2 and 3, one stage
     * and two, must give what the fused parallelism-1 chain gives (the failing seed and case are reported).
     */
    static <C> void assertSameAsOneStageWithLateRecords(long seedBase, int cases,
                                                        Function<SplittableRandom, C> newCase, CaseRun<C> runner)
            throws Exception {
        for (int i = 0; i < cases; i++) {
            long seed = seedBase + i;
            C c = newCase.apply(new SplittableRandom(seed));
            Outcome reference = runner.run(c, PipelineTestDriver.withParallelism(1), 1);
            assertThat(reference.results()).as("seed %d emits something", seed).isNotEmpty();
            for (int parallelism : new int[] {2, 3}) {
                PipelineTestDriver driver = PipelineTestDriver.withParallelism(parallelism);
                Outcome oneStage = runner.run(c, driver.config(driver.config().withTwoStageWindows(false)), 1);
                Outcome twoStages = runner.run(c, driver, 1);
                assertThat(oneStage).as("seed %d, one stage at parallelism %d: %s", seed, parallelism, c)
                        .isEqualTo(reference);
                assertThat(twoStages).as("seed %d, two stages at parallelism %d: %s", seed, parallelism, c)
                        .isEqualTo(reference);
            }
        }
    }

    /** As above with the source at the window's parallelism, each instance with its own watermark: nothing late. */
    static <C> void assertSameAsFusedWithParallelProducers(long seedBase, int cases,
                                                           Function<SplittableRandom, C> newCase, CaseRun<C> runner)
            throws Exception {
        for (int i = 0; i < cases; i++) {
            long seed = seedBase + i;
            C c = newCase.apply(new SplittableRandom(seed));
            Outcome reference = runner.run(c, PipelineTestDriver.withParallelism(1), 1);
            for (int parallelism : new int[] {2, 3}) {
                Outcome twoStages = runner.run(c, PipelineTestDriver.withParallelism(parallelism), parallelism);
                assertThat(twoStages).as("seed %d at parallelism %d: %s", seed, parallelism, c).isEqualTo(reference);
                assertThat(twoStages.late()).isEmpty();
            }
        }
    }

    /** One random case: the events in arrival order, the watermark bound and the window definitions. */
    record Case(List<Ev> arrival, long bound, WindowDefinition tumbling, WindowDefinition sliding) {

        static Case random(SplittableRandom r, boolean withLateRecords) {
            int keys = 1 + r.nextInt(10);
            int n = 1 + r.nextInt(200);
            long base = r.nextLong(-2_000, 2_000);
            long span = 1 + r.nextInt(400);
            long bound = r.nextInt(30);
            List<Ev> arrival = randomArrival(r, keys, n, base, span, bound, withLateRecords);
            long size = 1 + r.nextInt(50);
            WindowDefinition tumbling = Windows.tumbling(Duration.ofMillis(size))
                    .withOffset(Duration.ofMillis(r.nextInt(20)));
            WindowDefinition sliding = Windows.sliding(Duration.ofMillis(size + 1 + r.nextInt(30)),
                    Duration.ofMillis(1 + r.nextLong(size)));
            if (r.nextInt(3) == 0) {
                Duration lateness = Duration.ofMillis(r.nextInt(40));
                tumbling = tumbling.allowedLateness(lateness);
                sliding = sliding.allowedLateness(lateness);
            }
            return new Case(arrival, bound, tumbling, sliding);
        }
    }

    /**
     * {@code n} events of up to {@code keys} keys at random times in {@code [base, base + span)}, in the order they
     * arrive: each delayed up to {@code bound}, or (with late records) one in eight up to {@code 3 bound + 60}.
     */
    static List<Ev> randomArrival(SplittableRandom r, int keys, int n, long base, long span, long bound,
                                  boolean withLateRecords) {
        List<long[]> arrival = new ArrayList<>();
        List<Ev> events = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Ev e = new Ev(r.nextInt(keys), base + r.nextLong(span), r.nextLong(1, 100));
            events.add(e);
            long delay = withLateRecords && r.nextInt(8) == 0 ? r.nextLong(3 * bound + 60) : r.nextLong(bound + 1);
            arrival.add(new long[] {e.ts() + delay, k});
        }
        arrival.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        return arrival.stream().map(a -> events.get((int) a[1])).toList();
    }

    /** Every result as text, sorted (late updates repeat a window), the late side output and the late counts. */
    record Outcome(List<String> results, List<Ev> late, TreeMap<String, Long> lateCounts) {

        /** Sorts what a run gave; {@code windows} names the window operators whose late records are counted. */
        static Outcome of(List<String> results, List<Ev> late, JobResult run, List<String> windows) {
            List<String> sorted = new ArrayList<>(results);
            sorted.sort(null);
            List<Ev> lateRecords = new ArrayList<>(late);
            lateRecords.sort(Comparator.comparingLong(Ev::ts).thenComparingInt(Ev::key).thenComparingLong(Ev::value));
            TreeMap<String, Long> lateCounts = new TreeMap<>();
            for (OperatorMetrics o : run.metrics().operators()) {
                if (windows.contains(o.name())) {
                    lateCounts.merge(o.name(), o.lateRecords(), Long::sum);
                }
            }
            return new Outcome(sorted, lateRecords, lateCounts);
        }
    }

    /**
     * Runs the case: a keyed tumbling sum with its late side output, a keyed sliding sum and a whole-stream tumbling
     * count, each behind a source of its own (a source feeding several stages keeps its windows in one stage).
     */
    private static Outcome run(Case c, PipelineTestDriver driver, int sourceParallelism) throws Exception {
        CollectingSink<WindowResult<Integer, Long>> tumbling = new CollectingSink<>("tumbling");
        CollectingSink<WindowResult<Integer, Long>> sliding = new CollectingSink<>("sliding");
        CollectingSink<AllWindowResult<Long>> all = new CollectingSink<>("all");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        Pipeline p = Pipeline.create();
        WindowedStream<Integer, Ev> t = source(p, c.arrival(), c.bound()).parallelism(sourceParallelism)
                .keyBy(Ev::key).window(c.tumbling());
        t.aggregate(Aggregations.summingLong(Ev::value)).named("tumbling").sink(tumbling);
        t.lateEvents().sink(late);
        source(p, c.arrival(), c.bound()).parallelism(sourceParallelism).keyBy(Ev::key).window(c.sliding())
                .aggregate(Aggregations.summingLong(Ev::value)).named("sliding").sink(sliding);
        source(p, c.arrival(), c.bound()).parallelism(sourceParallelism).windowAll(c.tumbling())
                .aggregate(Aggregations.counting()).named("all").sink(all);
        JobResult run = driver.run(p);

        List<String> results = new ArrayList<>();
        tumbling.items().forEach(w -> results.add("tumbling " + w));
        sliding.items().forEach(w -> results.add("sliding " + w));
        all.items().forEach(w -> results.add("all " + w));
        return Outcome.of(results, late.items(), run, List.of("tumbling", "sliding", "all"));
    }
}
