package io.sluice.runtime.process;

import static io.sluice.runtime.testing.OperatorHarness.at;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.transform.Deduplication;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code dedupe(id, ttl)}: the id is the first character, the TTL 10 ms. */
class DedupeTest {

    private static Supplier<Operator> dedupe() {
        return () -> DedupeFunction.operator(new Deduplication(ProcessFunctions.FIRST_CHAR, Duration.ofMillis(10)));
    }

    private static KeyedProcessOperator op(OperatorHarness h) {
        return (KeyedProcessOperator) h.operator();
    }

    @Test
    void aRepeatLessThanTtlAfterTheLastSightingIsDroppedOneExactlyTtlAfterPasses() {
        OperatorHarness.verify(dedupe(),
                List.of(at("a1", 100), at("a2", 109), at("b1", 105), at("b2", 115), at("a3", 119), at("a4", 129)),
                // a2 is 9 after a1: dropped, and a stays alive until 119; b2 is exactly 10 after b1: passes;
                // a3 at 119 is exactly 10 after a2: passes; a4 at 129, 10 after a3: passes
                List.of("a1", "b1", "b2", "a3", "a4"));
    }

    @Test
    void droppedRepeatsKeepTheIdAlive() {
        OperatorHarness.verify(dedupe(),
                // a2 moves the last sighting to 105, a3 to 112 (112 < 115: dropped), a4 is 10 after a3 and passes,
                // a5 is 9 after a4
                List.of(at("a1", 100), at("a2", 105), at("a3", 112), at("a4", 122), at("a5", 131)),
                List.of("a1", "a4"));
    }

    @Test
    void anOlderRepeatArrivingOutOfOrderIsDroppedAndDoesNotMoveTheLastSighting() {
        OperatorHarness.verify(dedupe(),
                List.of(at("a1", 100), at("a2", 93), at("a3", 80), at("a4", 110)),
                List.of("a1", "a4"));
    }

    @Test
    void theIdIsForgottenWhenTheWatermarkReachesLastSeenPlusTtl() {
        try (OperatorHarness h = OperatorHarness.of(dedupe()).open()) {
            h.process(at("a1", 100), at("a2", 104), at("b1", 101), watermarkOf(110));
            assertThat(op(h).stateSize()).isEqualTo(2 * 2); // a and b: last sighting and timer (a's moved to 114)
            h.process(watermarkOf(113)); // b: 101 + 10 reached
            assertThat(op(h).stateSize()).isEqualTo(2);
            h.process(watermarkOf(114)); // a: 104 + 10 reached
            assertThat(op(h).stateSize()).isZero();
            assertThat(op(h).pendingTimers()).isZero();
            h.process(at("a3", 114), at("a4", 115));
            assertThat(h.output()).containsExactly("a1", "b1", "a3");
        }
    }

    @Test
    void aLateRecordOfAForgottenIdPasses() {
        try (OperatorHarness h = OperatorHarness.of(dedupe()).open()) {
            h.process(at("a1", 100), watermarkOf(110), at("a2", 99));
            assertThat(h.output()).containsExactly("a1", "a2");
            assertThat(op(h).stateSize()).isZero(); // the late a2 was forgotten at once (99 + 10 <= 110)
        }
    }

    @Test
    void idsAndTheirTimersSurviveASnapshot() {
        try (OperatorHarness h = OperatorHarness.of(dedupe()).open()) {
            h.process(at("a1", 100), at("b1", 100));
            h.snapshotAndRestore();
            h.process(at("a2", 105), watermarkOf(110), at("b2", 110));
            h.snapshotAndRestore();
            assertThat(op(h).pendingTimers()).isEqualTo(2);
            h.process(watermarkOf(200));
            assertThat(op(h).stateSize()).isZero();
            assertThat(h.output()).containsExactly("a1", "b1", "b2");
        }
    }

    @Test
    void recordsWithoutEventTimeAreRefused() {
        try (OperatorHarness h = OperatorHarness.of(dedupe()).open()) {
            assertThatThrownBy(() -> h.process("a1")).hasMessageContaining("dedupe needs event time");
        }
    }

    @Test
    void theTtlMustBePositive() {
        assertThatThrownBy(() -> new Deduplication(ProcessFunctions.FIRST_CHAR, Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    /** Through the DSL at several parallelisms: every id passes once when its repeats come within the TTL. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void streamDedupeKeepsTheFirstOfEveryIdAtAnyParallelism(int parallelism) throws Exception {
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            events.add(new long[] {i % 300, 1_000 + i}); // id, timestamp: repeats come 300 ms apart
        }
        CollectingSink<long[]> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(events), WatermarkPolicy.monotonic((long[] e) -> e[1]))
                .dedupe(e -> e[0], Duration.ofSeconds(1))
                .sink(sink);
        PipelineTestDriver.withParallelism(parallelism).run(p);
        assertThat(sink.items()).extracting(e -> e[0]).containsExactlyInAnyOrderElementsOf(
                () -> java.util.stream.LongStream.range(0, 300).boxed().iterator());
    }
}
