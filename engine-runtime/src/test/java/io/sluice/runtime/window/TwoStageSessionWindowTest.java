package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
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
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import io.sluice.runtime.window.TwoStageWindowTest.Ev;
import io.sluice.runtime.window.TwoStageWindowTest.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Two-stage session windows ({@link LocalSessionAggregator}, {@link WindowDefinition#combineLocally}): where the
 * planner puts the local stage, that the window merges partial sessions into exactly the sessions of one stage
 * (late records and the late side output included) for random cases from fixed seeds, and that most records
 * stay on the producer's side.
 */
class TwoStageSessionWindowTest {

    private static final int CASES = 150;

    private static Stream<Ev> source(Pipeline p, List<Ev> events, long bound) {
        return TwoStageWindowTest.source(p, events, bound);
    }

    @Test
    void sessionsThatCombineLocallyGetALocalStageAndOthersDoNot() {
        for (boolean combine : new boolean[] {false, true}) {
            WindowDefinition sessions = Windows.session(Duration.ofMillis(5));
            if (combine) {
                sessions = sessions.combineLocally(Duration.ofMillis(5));
            }
            Pipeline p = Pipeline.create();
            source(p, List.of(new Ev(1, 1, 1)), 0).keyBy(Ev::key).window(sessions).aggregate(Aggregations.counting())
                    .named("sessions").sink(new CollectingSink<>());
            PhysicalPlan plan = PipelineTestDriver.withParallelism(2).plan(p);
            VertexPlan source = plan.vertices().stream().filter(v -> v.first().kind() == Kind.SOURCE).findFirst()
                    .orElseThrow();
            if (combine) {
                assertThat(source.chain()).extracting(Transform::kind)
                        .containsExactly(Kind.SOURCE, Kind.LOCAL_WINDOW_AGGREGATE);
                assertThat(source.last().name()).isEqualTo("sessions (local)");
            } else {
                assertThat(source.chain()).extracting(Transform::kind).containsExactly(Kind.SOURCE);
            }
        }
    }

    @Test
    void combiningLocallyIsForSessionsWithoutLatenessOrEarlyResults() {
        assertThatThrownBy(() -> Windows.tumbling(Duration.ofMillis(5)).combineLocally(Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session windows");
        WindowDefinition combined = Windows.session(Duration.ofMillis(5)).combineLocally(Duration.ofMillis(5));
        assertThatThrownBy(() -> combined.allowedLateness(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed lateness");
        assertThatThrownBy(() -> combined.earlyResults(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.session(Duration.ofMillis(5)).allowedLateness(Duration.ofMillis(1))
                .combineLocally(Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.session(Duration.ofMillis(5)).combineLocally(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A dense stream of few keys: the local stage sends a small fraction of what it takes. */
    @Test
    void mostRecordsStayWithTheProducer() throws Exception {
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(new Ev(i % 5, i / 10, 1));
        }
        List<List<String>> outcomes = new ArrayList<>();
        OperatorMetrics local = null;
        for (int parallelism : new int[] {1, 2}) {
            CollectingSink<WindowResult<Integer, Long>> sink = new CollectingSink<>();
            Pipeline p = Pipeline.create();
            source(p, events, 0).keyBy(Ev::key)
                    .window(Windows.session(Duration.ofMillis(50)).combineLocally(Duration.ofMillis(200)))
                    .aggregate(Aggregations.counting()).named("sessions").sink(sink);
            JobResult run = PipelineTestDriver.withParallelism(parallelism).run(p);
            outcomes.add(sink.items().stream().map(Object::toString).sorted().toList());
            if (parallelism == 2) {
                local = run.metrics().operators().stream().filter(o -> o.name().equals("sessions (local)"))
                        .findFirst().orElseThrow();
            }
        }
        assertThat(outcomes.get(0)).hasSize(5);
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
        assertThat(local.recordsIn()).isEqualTo(20_000);
        // One partial per key and 51 ms of event time (delay capped at gap + 1), per source instance: ~400 of 20,000.
        assertThat(local.recordsOut()).isBetween(100L, 1_000L);
    }

    /**
     * One source instance feeding sessions at parallelism 2 and 3, with records late beyond the bound: the window's
     * watermark is then the source's, so the fused parallelism-1 chain, one stage and two stages must emit the same
     * sessions, reject the same records to the side output and count the same late records.
     */
    @Test
    void withLateRecordsTwoStagesEmitExactlyWhatOneStageEmits() throws Exception {
        TwoStageWindowTest.assertSameAsOneStageWithLateRecords(0x5E55_0000L, CASES, r -> Case.random(r, true),
                TwoStageSessionWindowTest::run);
    }

    /**
     * Several source instances, each with its own watermark, out of order within the bound: no record is late, and
     * the sessions are those of the fused chain — which needs the window to wait for partials still held upstream.
     */
    @Test
    void withParallelProducersTwoStagesEmitWhatTheFusedChainEmits() throws Exception {
        TwoStageWindowTest.assertSameAsFusedWithParallelProducers(0x5E55_1000L, CASES, r -> Case.random(r, false),
                TwoStageSessionWindowTest::run);
    }

    /** One random case: the events in arrival order, the watermark bound and the session definition. */
    record Case(List<Ev> arrival, long bound, WindowDefinition sessions) {

        static Case random(SplittableRandom r, boolean withLateRecords) {
            int keys = 1 + r.nextInt(6);
            int n = 1 + r.nextInt(250);
            long base = r.nextLong(-2_000, 2_000);
            long span = 1 + r.nextInt(600);
            long bound = r.nextInt(30);
            List<Ev> arrival = TwoStageWindowTest.randomArrival(r, keys, n, base, span, bound, withLateRecords);
            long gap = 1 + r.nextInt(40);
            WindowDefinition sessions = Windows.session(Duration.ofMillis(gap))
                    .combineLocally(Duration.ofMillis(1 + r.nextInt(60)));
            return new Case(arrival, bound, sessions);
        }
    }

    /** A keyed session sum with its late side output and a whole-stream session count, each behind its own source. */
    private static Outcome run(Case c, PipelineTestDriver driver, int sourceParallelism) throws Exception {
        CollectingSink<WindowResult<Integer, Long>> keyed = new CollectingSink<>("keyed");
        CollectingSink<AllWindowResult<Long>> all = new CollectingSink<>("all");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        Pipeline p = Pipeline.create();
        WindowedStream<Integer, Ev> w = source(p, c.arrival(), c.bound()).parallelism(sourceParallelism)
                .keyBy(Ev::key).window(c.sessions());
        w.aggregate(Aggregations.summingLong(Ev::value)).named("keyed").sink(keyed);
        w.lateEvents().sink(late);
        source(p, c.arrival(), c.bound()).parallelism(sourceParallelism).windowAll(c.sessions())
                .aggregate(Aggregations.counting()).named("all").sink(all);
        JobResult run = driver.run(p);

        List<String> results = new ArrayList<>();
        keyed.items().forEach(s -> results.add("keyed " + s));
        all.items().forEach(s -> results.add("all " + s));
        return Outcome.of(results, late.items(), run, List.of("keyed", "all"));
    }
}
