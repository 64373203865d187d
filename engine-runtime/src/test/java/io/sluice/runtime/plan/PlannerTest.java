package io.sluice.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.transform.Transform;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final JobConfig P2 = JobConfig.defaults().withJobName("t").withParallelism(2);

    private static List<String> kinds(VertexPlan v) {
        return v.chain().stream().map(t -> t.kind().label()).toList();
    }

    @Test
    void consecutiveStatelessStagesFuseWithSourceAndSinkIntoOneVertex() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2, 3)).map(x -> x * 2).filter(x -> x > 2).flatMap((Integer x, io.sluice.api.function.Emitter<? super Integer> out) -> out.emit(x))
                .peek(x -> { }).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).hasSize(1);
        assertThat(kinds(plan.vertices().get(0))).containsExactly("source", "map", "filter", "flat-map", "peek", "sink");
        assertThat(plan.vertices().get(0).parallelism()).isEqualTo(2);
        assertThat(plan.edges()).isEmpty();
    }

    @Test
    void keyByBecomesAPartitionedEdgeAndTheStagesAfterTheKeyedOperatorFuseWithIt() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of("a", "b")).map(String::toUpperCase)
                .keyBy(s -> s).aggregate(Aggregations.counting())
                .map(kv -> kv.key() + "=" + kv.value()).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).hasSize(2);
        assertThat(kinds(plan.vertices().get(0))).containsExactly("source", "map");
        assertThat(kinds(plan.vertices().get(1))).containsExactly("rolling-aggregate", "map", "sink");
        assertThat(plan.edges()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EdgeKind.PARTITIONED);
            assertThat(e.keyFn()).isNotNull();
        });
    }

    @Test
    void aParallelismChangeBecomesARebalanceEdge() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2)).map(x -> x + 1).parallelism(1).map(x -> x + 2).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).extracting(VertexPlan::parallelism).containsExactly(2, 1);
        assertThat(kinds(plan.vertices().get(1))).containsExactly("map", "map", "sink");
        assertThat(plan.edges()).singleElement().extracting(EdgePlan::kind).isEqualTo(EdgeKind.REBALANCE);
    }

    @Test
    void explicitRebalanceBreaksTheChainAndUsesTheDefaultParallelism() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2)).parallelism(1).rebalance().map(x -> x + 1).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).extracting(VertexPlan::parallelism).containsExactly(1, 2);
        assertThat(plan.edges()).singleElement().extracting(EdgePlan::kind).isEqualTo(EdgeKind.REBALANCE);
    }

    @Test
    void parallelismSetOnARebalanceAppliesToTheStageAfterIt() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2)).rebalance().parallelism(3).map(x -> x).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).extracting(VertexPlan::parallelism).containsExactly(2, 3);
    }

    @Test
    void aKeyedStageCannotHaveMoreInstancesThanKeyGroups() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1)).keyBy(x -> x).aggregate(Aggregations.counting()).parallelism(8).sink(new CollectingSink<>());

        assertThatThrownBy(() -> Planner.plan(p, P2.withMaxKeyGroups(4))).hasMessageContaining("only 4 key groups");
    }

    @Test
    void aSinkWithMaxParallelismOneGetsARebalanceEdgeFromAParallelChain() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2)).map(x -> x).sink(new SingleInstanceSink());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).extracting(VertexPlan::parallelism).containsExactly(2, 1);
        assertThat(plan.edges()).singleElement().extracting(EdgePlan::kind).isEqualTo(EdgeKind.REBALANCE);
    }

    @Test
    void aFanOutEndsTheChainAndEachBranchGetsAForwardEdge() {
        Pipeline p = Pipeline.create();
        Stream<Integer> s = p.source(ListSource.of(1, 2)).map(x -> x);
        s.filter(x -> x > 1).sink(new CollectingSink<>());
        s.map(x -> -x).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        assertThat(plan.vertices()).hasSize(3);
        assertThat(kinds(plan.vertices().get(0))).containsExactly("source", "map");
        assertThat(plan.edges()).extracting(EdgePlan::kind).containsExactly(EdgeKind.FORWARD, EdgeKind.FORWARD);
    }

    @Test
    void aUnionIsAJunctionWithOneEdgePerInput() {
        Pipeline p = Pipeline.create();
        Stream<Integer> a = p.source(ListSource.of(1));
        Stream<Integer> b = p.source(ListSource.of(2)).parallelism(1);
        a.union(b).map(x -> x).sink(new CollectingSink<>());

        PhysicalPlan plan = Planner.plan(p, P2);

        VertexPlan union = plan.vertices().get(2);
        assertThat(kinds(union)).containsExactly("union", "map", "sink");
        assertThat(union.inbound()).extracting(EdgePlan::kind).containsExactly(EdgeKind.FORWARD, EdgeKind.REBALANCE);
    }

    @Test
    void uidsDefaultToKindAndPositionAndMustBeUnique() {
        Pipeline p = Pipeline.create();
        Stream<Integer> s = p.source(ListSource.of(1)).map(x -> x).uid("double");
        assertThat(p.transforms()).extracting(Transform::uid).containsExactly("source-0", "double");
        assertThatThrownBy(() -> s.filter(x -> true).uid("double")).hasMessageContaining("already used");
    }

    @Test
    void aPipelineWithoutSinkIsRefused() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1)).map(x -> x);
        assertThatThrownBy(() -> Planner.plan(p, P2)).hasMessageContaining("no sink");
    }

    @Test
    void theTextFormShowsFusedChainsAndEdgeKinds() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of("x")).map(String::trim).named("trim").filter(s -> !s.isEmpty())
                .keyBy(s -> s).aggregate(Aggregations.counting()).sink(new CollectingSink<>());

        String text = PlanPrinter.physical(Planner.plan(p, P2));

        assertThat(text).contains("fused chain of 3", "map trim", "partitioned(hash)");
        assertThat(PlanPrinter.logical(p)).contains("#1", "trim", "uid=map-1", "<- #0");
    }

    private static final class SingleInstanceSink implements io.sluice.api.connector.Sink<Integer> {
        private final CollectingSink<Integer> delegate = new CollectingSink<>();

        @Override
        public String name() {
            return "single";
        }

        @Override
        public int maxParallelism() {
            return 1;
        }

        @Override
        public io.sluice.api.connector.SinkWriter<Integer> createWriter(io.sluice.api.connector.SinkContext context) {
            return delegate.createWriter(context);
        }
    }
}
