package io.sluice.runtime.join;

import static io.sluice.runtime.join.JoinTestSupport.left;
import static io.sluice.runtime.join.JoinTestSupport.operatorOf;
import static io.sluice.runtime.join.JoinTestSupport.pair;
import static io.sluice.runtime.join.JoinTestSupport.right;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import io.sluice.api.join.IntervalJoin;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** b.ts within [a.ts - 2, a.ts + 3]. */
class IntervalJoinOperatorTest {

    private static final Supplier<Operator> MINUS_2_PLUS_3 = operatorOf(j -> j.interval(
            IntervalJoin.within(Duration.ofMillis(2), Duration.ofMillis(3), Codecs.strings(), Codecs.strings()),
            JoinTestSupport::pair));

    @Test
    void pairsAsSoonAsBothAreThereWithInclusiveBounds() {
        OperatorHarness.verify(MINUS_2_PLUS_3, List.of(
                left("a:L10", 10),
                right("a:R8", 8),   // a.ts - 2: in
                right("a:R13", 13), // a.ts + 3: in
                right("a:R14", 14), // out
                right("a:R7", 7),   // out
                right("b:R10", 10), // other key
                left("a:L12", 12)), // [10, 15]: R13, R14
                List.of(pair("a:L10", "a:R8"), pair("a:L10", "a:R13"), pair("a:L12", "a:R13"),
                        pair("a:L12", "a:R14")));
    }

    @Test
    void aPairCarriesTheLaterTimestamp() {
        try (OperatorHarness h = OperatorHarness.of(MINUS_2_PLUS_3).inputs(2).open()) {
            h.process(left("a:L10", 10), right("a:R8", 8), right("a:R12", 12));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::timestamp).containsExactly(10L, 12L);
        }
    }

    @Test
    void theWatermarkExpiresRecordsOnlyOnceNoOnTimeRecordCanMatchThem() {
        OperatorHarness.verify(MINUS_2_PLUS_3, List.of(
                left("a:L12", 12), right("a:R17", 17),
                watermarkOf(15),
                right("a:R15", 15),  // 15 = 12 + 3: L12 is still there
                left("a:L19", 19),   // R17 (needs a.ts <= 19) is still there
                watermarkOf(20),
                left("a:L20", 20)),  // [18, 23]: R17 is out of reach, and gone
                List.of(pair("a:L12", "a:R15"), pair("a:L19", "a:R17")));
        try (OperatorHarness h = OperatorHarness.of(MINUS_2_PLUS_3).inputs(2).open()) {
            IntervalJoinOperator op = (IntervalJoinOperator) h.operator();
            h.process(left("a:L12", 12)).process(right("a:R17", 17)).watermark(15);
            assertThat(op.bufferedCount()).isEqualTo(2); // L12 can still meet a right record at 15
            h.watermark(16);
            assertThat(op.bufferedCount()).isEqualTo(1);
            h.watermark(19);
            assertThat(op.bufferedCount()).isEqualTo(1); // R17 can still meet a left record at 19
            h.watermark(20);
            assertThat(op.bufferedCount()).isZero();
            assertThat(op.keyCount()).isZero();
        }
    }

    @Test
    void lateRecordsAreDroppedAndCounted() {
        OperatorHarness.verify(MINUS_2_PLUS_3, List.of(
                left("a:L12", 12), watermarkOf(14),
                right("a:R13", 13), // late (13 < 14), though it would match L12
                right("a:R14", 14)),
                List.of(pair("a:L12", "a:R14")));
        try (OperatorHarness h = OperatorHarness.of(MINUS_2_PLUS_3).inputs(2).open()) {
            // one at a time: records pushed together into two inputs may be taken in either order
            h.process(left("a:L12", 12)).watermark(14).process(right("a:R13", 13)).process(left("b:L1", 1));
            assertThat(h.operator().lateCount()).isEqualTo(2);
        }
    }

    @Test
    void stateIsGoneOnceTheWatermarkPassesEverything() {
        try (OperatorHarness h = OperatorHarness.of(MINUS_2_PLUS_3).inputs(2).open()) {
            for (int k = 0; k < 100; k++) {
                h.process(left(k + ":L", 10 + k), right(k + ":R", 11 + k));
            }
            h.watermark(60);
            assertThat(((IntervalJoinOperator) h.operator()).keyCount()).isEqualTo(53); // keys 47..99 remain (L57 can still meet R60)
            h.snapshotAndRestore().watermark(200);
            assertThat(((IntervalJoinOperator) h.operator()).keyCount()).isZero();
            assertThat(h.output()).hasSize(100);
        }
    }

    @Test
    void anIntervalWhollyAfterTheLeftRecordIsNotBufferedOnTheLeftOnceOutOfReach() {
        Supplier<Operator> after = operatorOf(j -> j.interval(
                IntervalJoin.within(Duration.ofMillis(-5), Duration.ofMillis(10), Codecs.strings(), Codecs.strings()),
                JoinTestSupport::pair));
        OperatorHarness.verify(after, List.of(
                right("a:R4", 4), left("a:L0", 0), // 4 < 0 + 5: no
                right("a:R5", 5), right("a:R10", 10), right("a:R11", 11),
                watermarkOf(8), left("a:L9", 9)), // [14, 19]: nothing
                List.of(pair("a:L0", "a:R5"), pair("a:L0", "a:R10")));
    }

    @Test
    void anEmptyIntervalIsRefused() {
        assertThatThrownBy(() -> IntervalJoin.within(Duration.ofMillis(-5), Duration.ofMillis(4), Codecs.strings(),
                Codecs.strings())).hasMessageContaining("is empty");
    }
}
