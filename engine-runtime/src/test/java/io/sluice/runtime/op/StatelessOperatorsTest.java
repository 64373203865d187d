package io.sluice.runtime.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.Emitter;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {

    @Test
    void flatMapUnderA1SlotOutboxLosesNothing() {
        OperatorHarness.verify(() -> new FlatMapOperator((Integer x, Emitter<? super Integer> out) -> {
            for (int i = 0; i < x; i++) {
                out.emit(x);
            }
        }), List.of(1, 0, 3, 2), List.of(1, 3, 3, 3, 2, 2));
    }

    @Test
    void mapAndFilter() {
        OperatorHarness.verify(() -> new MapOperator((String s) -> s + "!"), List.of("a", "b"), List.of("a!", "b!"));
        OperatorHarness.verify(() -> new FilterOperator((Integer x) -> x > 1), List.of(1, 2, 3, 0), List.of(2, 3));
    }

    @Test
    void watermarksPassThroughStatelessOperators() {
        try (OperatorHarness h = OperatorHarness.of(() -> new MapOperator((Integer x) -> x)).open()) {
            h.process(1).watermark(100).process(2).watermark(90).watermark(200);
            assertThat(h.output()).containsExactly(1, 2);
            assertThat(h.watermarks()).containsExactly(100L, 200L);
        }
    }

    @Test
    void aLeakedFlatMapEmitterIsRejected() {
        @SuppressWarnings("unchecked")
        Emitter<Object>[] leaked = new Emitter[1];
        try (OperatorHarness h = OperatorHarness.of(() -> new FlatMapOperator((Object x, Emitter<Object> out) -> leaked[0] = out)).open()) {
            h.process("x");
            assertThatThrownBy(() -> leaked[0].emit("late")).hasMessageContaining("outside the function call");
        }
    }
}
