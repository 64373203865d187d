package io.sluice.runtime.process;

import static io.sluice.runtime.process.ProcessFunctions.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.runtime.process.ProcessFunctions.AllKinds;
import io.sluice.runtime.process.ProcessFunctions.CountPerKey;
import io.sluice.runtime.process.ProcessFunctions.ReportLater;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedProcessOperatorTest {

    @Test
    void aLongValueStateCountsPerKeyInEveryHarnessMode() {
        OperatorHarness.verify(operator(new CountPerKey()),
                List.of("a1", "b1", "a2", "c1", "b2", "a3"),
                List.of("a=1", "b=1", "a=2", "c=1", "b=2", "a=3"));
    }

    @Test
    void valueListAndMapStateSurviveSnapshotsAndBackpressure() {
        OperatorHarness.verify(operator(new AllKinds()),
                List.of("ax", "bx", "ay", "ax", "a!", "by"),
                List.of("->ax [ax] {x=1}",
                        "->bx [bx] {x=1}",
                        "ax>ay [ax, ay] {x=1, y=1}",
                        "ay>ax [ax, ay, ax] {x=2, y=1}",
                        "ax>a! [ax, ay, ax] {x=2, y=1}",
                        "bx>by [bx, by] {x=1, y=1}"));
    }

    @Test
    void outputCarriesTheRecordsTimestamp() {
        try (OperatorHarness h = OperatorHarness.of(operator(new CountPerKey())).open()) {
            h.process(OperatorHarness.at("a1", 42), "b1");
            assertThat(h.timestampedOutput()).extracting(t -> t.item() + "@" + t.timestamp())
                    .containsExactly("a=1@42", "b=1@" + Long.MIN_VALUE);
        }
    }

    @Test
    void theKeyGroupIsComputedOncePerRecordAndStateIsKeptPerKeyGroup() {
        try (OperatorHarness h = OperatorHarness.of(operator(new CountPerKey())).open()) {
            h.process("a1", "a2", "b1");
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            assertThat(op.stateSize()).isEqualTo(2);
            assertThat(h.snapshot().keyGroups()).hasSize(2); // a and b fall into two key groups
        }
    }

    @Test
    void undeclaredStateFailsNamingTheStageAndTheState() {
        KeyedProcessFunction<String, String, String> sloppy = (item, ctx, out) ->
                out.emit("" + ctx.state(StateDescriptor.longValue("never-declared")).get());
        try (OperatorHarness h = OperatorHarness.of(operator(sloppy)).open()) {
            assertThatThrownBy(() -> h.process("a1"))
                    .hasMessageContaining("op-under-test")
                    .hasMessageContaining("long_value state 'never-declared' was not declared in open()");
        }
    }

    @Test
    void declaringANameTwiceFailsWhenTheStageOpens() {
        KeyedProcessFunction<String, String, String> twice = new KeyedProcessFunction<>() {
            @Override
            public void open(StateDeclarations state) {
                state.declare(StateDescriptor.longValue("n"), StateDescriptor.longValue("n"));
            }

            @Override
            public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            }
        };
        assertThatThrownBy(() -> OperatorHarness.of(operator(twice)).open())
                .hasMessageContaining("state 'n' is declared twice");
    }

    @Test
    void anExceptionOfTheFunctionNamesTheStage() {
        KeyedProcessFunction<String, String, String> failing = (item, ctx, out) -> {
            throw new IllegalStateException("boom on " + item);
        };
        try (OperatorHarness h = OperatorHarness.of(operator(failing)).open()) {
            assertThatThrownBy(() -> h.process("a1"))
                    .hasMessageContaining("op-under-test")
                    .hasRootCauseMessage("boom on a1");
        }
    }

    @Test
    void emittingNullIsRefused() {
        KeyedProcessFunction<String, String, String> nulls = (item, ctx, out) -> out.emit(null);
        try (OperatorHarness h = OperatorHarness.of(operator(nulls)).open()) {
            assertThatThrownBy(() -> h.process("a1")).hasRootCauseMessage("the process function emitted null");
        }
    }

    @Test
    void reservedAndBlankStateNamesAreRefused() {
        assertThatThrownBy(() -> StateDescriptor.longValue("__timers")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> StateDescriptor.longValue(" ")).hasMessageContaining("blank");
    }

    /** Counts per key through the DSL and the real runtime; the count of the last record of a key is its total. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void keyByProcessRunsInAPipelineAtAnyParallelism(int parallelism) throws Exception {
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            input.add("k" + (i % 7) + ":" + i);
        }
        CollectingSink<String> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(input))
                .keyBy(s -> s.substring(0, s.indexOf(':')))
                .process(new Counter())
                .sink(sink);
        PipelineTestDriver.withParallelism(parallelism).run(p);
        assertThat(sink.items()).hasSize(1000);
        for (int k = 0; k < 7; k++) {
            String key = "k" + k;
            long expected = input.stream().filter(s -> s.startsWith(key + ":")).count();
            assertThat(sink.items()).contains(key + "=" + expected).doesNotContain(key + "=" + (expected + 1));
        }
    }

    /** Event-time timers through the DSL: the final watermark at the end of input fires them all. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theFinalWatermarkFiresEveryEventTimeTimer(int parallelism) throws Exception {
        CollectingSink<String> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of("a1", "b1", "a2", "c1"), WatermarkPolicy.monotonic((String s) -> 1000L))
                .keyBy(s -> s.substring(0, 1))
                .process(new ReportLater(1_000_000))
                .sink(sink);
        PipelineTestDriver.withParallelism(parallelism).run(p);
        assertThat(sink.items()).containsExactlyInAnyOrder("a@1001000:[a1, a2]", "b@1001000:[b1]", "c@1001000:[c1]");
    }

    /** A counter with a string key, for the pipeline test. */
    static final class Counter implements KeyedProcessFunction<String, String, String> {
        static final StateDescriptor<LongValueState> N = StateDescriptor.longValue("n");

        @Override
        public void open(StateDeclarations state) {
            state.declare(N);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + "=" + ctx.state(N).add(1));
        }
    }
}
