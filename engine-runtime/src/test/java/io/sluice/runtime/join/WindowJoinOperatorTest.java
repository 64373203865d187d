package io.sluice.runtime.join;

import static io.sluice.runtime.join.JoinTestSupport.left;
import static io.sluice.runtime.join.JoinTestSupport.operatorOf;
import static io.sluice.runtime.join.JoinTestSupport.right;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WindowJoinOperatorTest {

    private static final Supplier<Operator> TUMBLING_10 = operatorOf(j -> j.windowed(
            WindowJoin.of(Windows.tumbling(Duration.ofMillis(10)), Codecs.strings(), Codecs.strings()),
            (start, end, l, r) -> start + "-" + end + " " + l + "+" + r));

    @Test
    void emitsEveryPairOfAWindowWhenTheWatermarkReachesItsEnd() {
        OperatorHarness.verify(TUMBLING_10, List.of(
                left("a:L1", 0), right("a:R1", 3), right("b:R2", 4), left("a:L2", 9),
                left("a:L3", 10), // the next window: ends are exclusive
                watermarkOf(9), // [0,10) still open
                right("a:R3", 9),
                watermarkOf(10),
                right("a:R4", 19), right("c:R5", 12), left("c:L4", 15)),
                List.of("0-10 a:L1+a:R1", "0-10 a:L1+a:R3", "0-10 a:L2+a:R1", "0-10 a:L2+a:R3",
                        // end of input fires the rest, in order of the first record of each key's window
                        "10-20 a:L3+a:R4", "10-20 c:L4+c:R5"));
    }

    @Test
    void windowsEndingTogetherFireInTheOrderTheyOpenedWithOrWithoutRestores() {
        List<Object> input = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int k = 30; k > 0; k--) { // keys whose hash order differs from their arrival order
            input.add(left("k" + k + ":L", 1));
            input.add(right("k" + k + ":R", 2));
            expected.add("0-10 k" + k + ":L+k" + k + ":R");
        }
        input.add(watermarkOf(10));
        OperatorHarness.verify(TUMBLING_10, input, expected);
    }

    @Test
    void dropsRecordsOlderThanTheWatermarkEvenIfTheirWindowIsStillOpen() {
        OperatorHarness.verify(TUMBLING_10, List.of(
                left("a:L1", 12), watermarkOf(15),
                right("a:late", 14), // [10,20) is open, but 14 < 15: late
                right("a:R1", 15), right("a:R0", 5)),
                List.of("10-20 a:L1+a:R1"));
        try (OperatorHarness h = OperatorHarness.of(TUMBLING_10).inputs(2).open()) {
            h.process(left("a:L1", 12)).watermark(15).process(right("a:late", 14)).process(right("a:R0", 5));
            assertThat(h.operator().lateCount()).isEqualTo(2);
        }
    }

    @Test
    void theWatermarkSurvivesARestoreSoALateRecordStaysLate() {
        try (OperatorHarness h = OperatorHarness.of(TUMBLING_10).inputs(2).open()) {
            h.process(left("a:L1", 12), watermarkOf(15)).snapshotAndRestore();
            h.process(right("a:late", 14)).finish();
            assertThat(h.output()).isEmpty();
        }
    }

    @Test
    void resultsCarryTheLastMillisecondOfTheWindowAndPrecedeTheWatermark() {
        try (OperatorHarness h = OperatorHarness.of(TUMBLING_10).inputs(2).open()) {
            h.process(left("a:L1", 21), right("a:R1", 27), watermarkOf(35));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::timestamp).containsExactly(29L);
            assertThat(h.watermarks()).containsExactly(35L);
        }
    }

    @Test
    void slidingWindowsJoinAPairOnceInEveryWindowHoldingBoth() {
        Supplier<Operator> sliding = operatorOf(j -> j.windowed(
                WindowJoin.of(Windows.sliding(Duration.ofMillis(10), Duration.ofMillis(5)), Codecs.strings(), Codecs.strings()),
                (start, end, l, r) -> start + "-" + end + " " + l + "+" + r));
        OperatorHarness.verify(sliding, List.of(
                left("a:L1", 7), right("a:R1", 9), right("a:R2", 12), watermarkOf(100)),
                List.of("0-10 a:L1+a:R1", "5-15 a:L1+a:R1", "5-15 a:L1+a:R2"));
    }

    @Test
    void aSemiJoinEmitsEachLeftOncePerWindowWithTheFirstRight() {
        Supplier<Operator> semi = operatorOf(j -> j.windowed(
                WindowJoin.of(Windows.tumbling(Duration.ofMillis(10)), Codecs.strings(), Codecs.strings()).semi(),
                (start, end, l, r) -> start + "-" + end + " " + l + "+" + r));
        OperatorHarness.verify(semi, List.of(
                right("a:R1", 1), left("a:L1", 2), right("a:R2", 3), left("a:L2", 4), left("b:L3", 5),
                right("a:R3", 11), watermarkOf(30)),
                List.of("0-10 a:L1+a:R1", "0-10 a:L2+a:R1"));
    }

    @Test
    void stateOfAnOpenWindowMovesToTheInstancesThatOwnItsKeysOnRescale() {
        List<String> keys = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            keys.add(String.valueOf(c));
        }
        StateSnapshot snapshot;
        try (OperatorHarness single = OperatorHarness.of(TUMBLING_10).inputs(2).open()) {
            for (String k : keys) {
                single.process(left(k + ":L", 1), watermarkOf(1));
            }
            snapshot = single.snapshot();
        }
        List<Object> out = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            try (OperatorHarness h = OperatorHarness.of(TUMBLING_10).instance(instance, 2).inputs(2).open()) {
                h.restore(snapshot);
                for (String k : keys) {
                    if (KeyGroups.instanceOf(KeyGroups.keyGroup(k, 128), 2, 128) == instance) {
                        h.process(right(k + ":R", 0)); // late: the restored watermark is 1
                        h.process(right(k + ":R", 5));
                    }
                }
                h.watermark(10);
                out.addAll(h.output());
            }
        }
        assertThat(out).hasSize(26).allSatisfy(o -> assertThat((String) o).matches("0-10 (.):L\\+\\1:R"));
    }

    @Test
    void aRecordWithoutTimestampFailsNamingTheJoin() {
        try (OperatorHarness h = OperatorHarness.of(TUMBLING_10).inputs(2).open()) {
            assertThatThrownBy(() -> h.processInput(0, "a:L"))
                    .hasMessageContaining("(op-under-test)").hasStackTraceContaining("needs records with timestamps");
        }
    }

    @Test
    void aFailingJoinFunctionFailsNamingTheJoin() {
        Supplier<Operator> failing = operatorOf(j -> j.windowed(
                WindowJoin.of(Windows.tumbling(Duration.ofMillis(10)), Codecs.strings(), Codecs.strings()),
                (start, end, l, r) -> {
                    throw new IllegalArgumentException("bad pair " + l);
                }));
        try (OperatorHarness h = OperatorHarness.of(failing).inputs(2).open()) {
            h.process(left("a:L", 1), right("a:R", 2));
            assertThatThrownBy(() -> h.watermark(10)).hasMessageContaining("(op-under-test)")
                    .hasRootCauseMessage("bad pair a:L");
        }
    }

    @Test
    void theWindowGridFollowsTheOffset() {
        Supplier<Operator> shifted = operatorOf(j -> j.windowed(WindowJoin.of(
                        Windows.tumbling(Duration.ofMillis(10)).withOffset(Duration.ofMillis(3)), Codecs.strings(),
                        Codecs.strings()),
                (start, end, l, r) -> start + "-" + end + " " + l + "+" + r));
        OperatorHarness.verify(shifted, List.of(
                left("a:L1", 3), right("a:R1", 12), right("a:R2", 13), watermarkOf(100)),
                List.of("3-13 a:L1+a:R1"));
    }

    @Test
    void sessionsLatenessAndEarlyResultsAreRefused() {
        assertThatThrownBy(() -> WindowJoin.of(Windows.session(Duration.ofSeconds(1)), Codecs.strings(),
                Codecs.strings())).hasMessageContaining("tumbling or sliding");
        assertThatThrownBy(() -> WindowJoin.of(Windows.tumbling(Duration.ofSeconds(1))
                .allowedLateness(Duration.ofSeconds(1)), Codecs.strings(), Codecs.strings()))
                .hasMessageContaining("no allowed lateness");
    }
}
