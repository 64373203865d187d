package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.WindowResult;
import io.sluice.api.window.WindowedStream;
import io.sluice.api.window.Windows;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.plan.EdgeKind;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windows in whole pipelines: the DSL, the planner's side output vertex, and late events end to end. */
class WindowPipelineTest {

    record Ev(String key, long ts) {
    }

    /**
     * All read in one batch: the late events (3 < 12 - 5, 7 < 25 - 5) are late because the source sends the
     * watermark they are late against before them.
     */
    private static final List<Ev> EVENTS = List.of(
            new Ev("a", 1), new Ev("b", 2), new Ev("a", 12), new Ev("a", 3), new Ev("b", 9), new Ev("b", 14),
            new Ev("c", 19), new Ev("a", 25), new Ev("b", 7));

    private static Stream<Ev> source(Pipeline p) {
        return p.source(ListSource.of(EVENTS), WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ofMillis(5)))
                .parallelism(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void lateEventsReachTheirOwnSinkAndTheResultsExcludeThem(int parallelism) throws Exception {
        CollectingSink<WindowResult<String, Long>> results = new CollectingSink<>("results");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        Pipeline p = Pipeline.create();
        WindowedStream<String, Ev> windowed = source(p).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10)));
        windowed.aggregate(Aggregations.counting()).named("counts").sink(results);
        windowed.lateEvents().map(Ev::key).map(k -> new Ev(k, -1)).sink(late);

        JobResult run = PipelineTestDriver.withParallelism(parallelism).run(p);

        assertThat(results.items()).containsExactlyInAnyOrder(
                new WindowResult<>("a", 0, 10, 1L), new WindowResult<>("b", 0, 10, 2L),
                new WindowResult<>("a", 10, 20, 1L), new WindowResult<>("b", 10, 20, 1L),
                new WindowResult<>("c", 10, 20, 1L), new WindowResult<>("a", 20, 30, 1L));
        assertThat(late.items()).containsExactlyInAnyOrder(new Ev("a", -1), new Ev("b", -1));
        OperatorMetrics counts = run.metrics().operators().stream().filter(o -> o.name().equals("counts")).findFirst()
                .orElseThrow();
        assertThat(counts.lateRecords()).isEqualTo(2);
        assertThat(counts.recordsOut()).isEqualTo(6);
    }

    @Test
    void aPartitionedHopComputesEachRecordsKeyOnceTheWindowUsesTheKeyTheRouterComputed() throws Exception {
        AtomicInteger keyCalls = new AtomicInteger();
        CollectingSink<WindowResult<String, Long>> results = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        source(p).keyBy(e -> {
            keyCalls.incrementAndGet();
            return e.key();
        }).window(Windows.tumbling(Duration.ofMillis(10))).aggregate(Aggregations.counting()).sink(results);

        PipelineTestDriver.withParallelism(2).run(p);

        assertThat(keyCalls).hasValue(EVENTS.size()); // by the source's outbox only, not again by the window
        assertThat(results.items()).containsExactlyInAnyOrder(
                new WindowResult<>("a", 0, 10, 1L), new WindowResult<>("b", 0, 10, 2L),
                new WindowResult<>("a", 10, 20, 1L), new WindowResult<>("b", 10, 20, 1L),
                new WindowResult<>("c", 10, 20, 1L), new WindowResult<>("a", 20, 30, 1L));
    }

    @Test
    void withoutASideOutputLateEventsAreDroppedAndCounted() throws Exception {
        CollectingSink<WindowResult<String, Long>> results = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        source(p).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10))).aggregate(Aggregations.counting())
                .named("counts").sink(results);
        JobResult run = PipelineTestDriver.withParallelism(2).run(p);
        assertThat(results.items()).hasSize(6);
        assertThat(run.metrics().operators()).filteredOn(o -> o.name().equals("counts"))
                .singleElement().extracting(OperatorMetrics::lateRecords).isEqualTo(2L);
    }

    @Test
    void theSideOutputStartsAVertexFedFromTheWindowsVertex() {
        Pipeline p = Pipeline.create();
        WindowedStream<String, Ev> windowed = source(p).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10)));
        windowed.aggregate(Aggregations.counting()).map(WindowResult::value).sink(new CollectingSink<>());
        windowed.lateEvents().sink(new CollectingSink<>());

        PhysicalPlan plan = PipelineTestDriver.withParallelism(2).plan(p);

        VertexPlan window = plan.vertices().stream().filter(v -> v.last().kind() == Kind.WINDOW_AGGREGATE)
                .findFirst().orElseThrow();
        assertThat(window.chain()).hasSize(1);
        assertThat(window.outbound()).hasSize(2).allMatch(e -> e.kind() == EdgeKind.FORWARD);
        assertThat(window.outbound()).extracting(e -> e.to().first().kind())
                .containsExactlyInAnyOrder(Kind.MAP, Kind.SIDE_OUTPUT);
        VertexPlan lateVertex = plan.vertices().stream().filter(v -> v.first().kind() == Kind.SIDE_OUTPUT)
                .findFirst().orElseThrow();
        assertThat(lateVertex.chain()).extracting(t -> t.kind()).containsExactly(Kind.SIDE_OUTPUT, Kind.SINK);
        assertThat(lateVertex.parallelism()).isEqualTo(2);
    }

    @Test
    void aWindowWhoseOnlyConsumerIsItsSideOutputStillRuns() throws Exception {
        CollectingSink<Ev> late = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        WindowedStream<String, Ev> windowed = source(p).keyBy(Ev::key).window(Windows.session(Duration.ofMillis(3)));
        windowed.aggregate(Aggregations.counting());
        windowed.lateEvents().sink(late);
        PipelineTestDriver.withParallelism(2).run(p);
        assertThat(late.items()).containsExactlyInAnyOrder(new Ev("a", 3), new Ev("b", 7));
    }

    @Test
    void windowAllRunsAsOneInstanceBehindAParallelSource() throws Exception {
        CollectingSink<AllWindowResult<Long>> results = new CollectingSink<>();
        CollectingSink<Ev> late = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        var windowed = p.source(ListSource.of(EVENTS), WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ofMillis(20)))
                .windowAll(Windows.tumbling(Duration.ofMillis(10)));
        windowed.aggregate(Aggregations.counting()).sink(results);
        windowed.lateEvents().sink(late);
        PipelineTestDriver driver = PipelineTestDriver.withParallelism(3);
        assertThat(driver.plan(p).vertices()).filteredOn(v -> v.first().kind() == Kind.WINDOW_ALL_AGGREGATE)
                .singleElement().extracting(VertexPlan::parallelism).isEqualTo(1);
        driver.run(p);
        assertThat(results.items()).containsExactlyInAnyOrder(new AllWindowResult<>(0, 10, 5L),
                new AllWindowResult<>(10, 20, 3L), new AllWindowResult<>(20, 30, 1L));
        assertThat(late.items()).isEmpty();
    }

    @Test
    void theDslChecksItsOrder() {
        Pipeline p = Pipeline.create();
        WindowedStream<String, Ev> windowed = source(p).keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10)));
        assertThatThrownBy(windowed::lateEvents).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declare the aggregation first");
        windowed.aggregate(Aggregations.counting());
        assertThat(windowed.lateEvents()).isSameAs(windowed.lateEvents());
        assertThatThrownBy(() -> windowed.aggregate(Aggregations.counting()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("allOf");
    }

    @Test
    void definitionsRejectWhatCannotWork() {
        assertThatThrownBy(() -> Windows.sliding(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> Windows.tumbling(Duration.ZERO)).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Windows.tumbling(Duration.ofNanos(1_500_000))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Windows.session(Duration.ofSeconds(1)).withOffset(Duration.ofMillis(1)))
                .hasMessageContaining("session");
        assertThatThrownBy(() -> Windows.tumbling(Duration.ofSeconds(1)).allowedLateness(Duration.ofMillis(-1)))
                .hasMessageContaining("negative");
        assertThat(Windows.tumbling(Duration.ofMillis(10)).withOffset(Duration.ofMillis(-3)).offsetMillis()).isEqualTo(7);
    }
}
