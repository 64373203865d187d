package io.sluice.runtime.window;

import static io.sluice.runtime.window.WindowTesting.at;
import static io.sluice.runtime.window.WindowTesting.counting;
import static io.sluice.runtime.window.WindowTesting.countingAll;
import static io.sluice.runtime.window.WindowTesting.result;
import static io.sluice.runtime.window.WindowTesting.summing;
import static io.sluice.runtime.window.WindowTesting.wm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.Windows;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.OperatorException;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TumblingWindowTest {

    private static final Duration TEN = Duration.ofMillis(10);

    @Test
    void countsPerKeyAndWindowFiringWhenTheWatermarkReachesTheEnd() {
        List<Object> input = List.of(
                at("a", 1), at("b", 3), at("a", 5), wm(9),
                at("a", 10), at("b", 12), wm(10),          // [0,10) fires; the new events are in [10,20)
                at("a", 9),                                  // behind the watermark: late
                at("a", 11), at("b", 19), wm(19), wm(25));
        OperatorHarness.verify(counting(Windows.tumbling(TEN)), input, List.of(
                result("a", 0, 10, 2L), result("b", 0, 10, 1L),
                result("a", 10, 20, 2L), result("b", 10, 20, 2L)), List.of("a"));
    }

    @Test
    void resultsCarryTheLastInstantOfTheirWindowAsTimestamp() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN))).open()) {
            h.process(at("a", 3), at("a", 14), wm(20));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::toString).containsExactly(
                    result("a", 0, 10, 1L) + "@9", result("a", 10, 20, 1L) + "@19");
            assertThat(h.watermarks()).containsExactly(20L);
        }
    }

    @Test
    void windowBoundariesAreExactAndEpochAligned() {
        List<Object> input = List.of(at("a", -1), at("a", 0), at("a", 9), at("a", 10), wm(10), at("a", 10));
        OperatorHarness.verify(counting(Windows.tumbling(TEN)), input, List.of(
                result("a", -10, 0, 1L), result("a", 0, 10, 2L), result("a", 10, 20, 2L)));
    }

    @Test
    void anOffsetShiftsTheGrid() {
        List<Object> input = List.of(at("a", 2), at("a", 3), at("a", 12), at("a", 13));
        OperatorHarness.verify(counting(Windows.tumbling(TEN).withOffset(Duration.ofMillis(3))), input, List.of(
                result("a", -7, 3, 1L), result("a", 3, 13, 2L), result("a", 13, 23, 1L)));
    }

    @Test
    void aWatermarkExactlyOneBeforeTheEndDoesNotFire() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN))).open()) {
            h.process(at("a", 0), wm(9));
            assertThat(h.output()).isEmpty();
            h.process(at("a", 9), wm(10));
            assertThat(h.output()).containsExactly(result("a", 0, 10, 2L));
        }
    }

    @Test
    void lateEventsWithinTheAllowedLatenessUpdateTheWindowAndLaterOnesGoToTheSideOutput() {
        List<Object> input = List.of(
                at("a1", 1), wm(10),       // fires [0,10) = 1
                at("a2", 6),               // 6 >= 10 - 5: accepted, the fired window is emitted again
                at("a4", 5), wm(14),       // 5 >= 10 - 5 at the time: accepted again
                at("a8", 8),               // 8 < 14 - 5: late
                at("a16", 9),              // 9 >= 9: accepted, exactly at the bound
                wm(15),                    // [0,10) is dropped: 10 + 5 <= 15
                at("a32", 9), at("b64", 12), wm(30));
        OperatorHarness.verify(summing(Windows.tumbling(TEN).allowedLateness(Duration.ofMillis(5))), input, List.of(
                result("a", 0, 10, 1L), result("a", 0, 10, 3L), result("a", 0, 10, 7L), result("a", 0, 10, 23L),
                result("b", 10, 20, 64L)), List.of("a8", "a32"));
    }

    @Test
    void stateIsDroppedOnceTheLatenessHasPassedAndLateEventsAreCounted() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN).allowedLateness(Duration.ofMillis(5))))
                .open()) {
            WindowOperator op = (WindowOperator) h.operator();
            h.process(at("a", 1), at("b", 2), wm(10));
            assertThat(op.keyCount()).isEqualTo(2);
            h.process(wm(14));
            assertThat(op.keyCount()).isEqualTo(2);
            h.process(wm(15));
            assertThat(op.keyCount()).isZero();
            h.process(at("a", 9), at("a", 3), at("a", 15));
            assertThat(op.lateCount()).isEqualTo(2);
            assertThat(h.sideOutput()).containsExactly("a", "a");
        }
    }

    @Test
    void aRestoredOperatorStillKnowsItsWatermarkSoADroppedWindowCannotComeBack() {
        OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN))).open();
        h.process(at("a", 1), wm(10));
        StateSnapshot snapshot = h.snapshot();
        h.close();
        try (OperatorHarness restored = OperatorHarness.of(counting(Windows.tumbling(TEN))).open()) {
            restored.restore(snapshot);
            restored.process(at("a", 2), wm(5), at("a", 12)).finish();
            assertThat(restored.output()).containsExactly(result("a", 10, 20, 1L));
            assertThat(restored.sideOutput()).containsExactly("a");
        }
    }

    @Test
    void snapshotOfOneInstanceRestoresAcrossTwoByKeyGroupMidWindow() {
        List<String> keys = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            keys.add(String.valueOf(c));
        }
        StateSnapshot snapshot;
        try (OperatorHarness single = OperatorHarness.of(counting(Windows.tumbling(TEN))).open()) {
            for (String k : keys) {
                single.process(at(k, 3));
            }
            single.process(wm(5));
            snapshot = single.snapshot();
        }
        Map<String, Long> counts = new TreeMap<>();
        for (int instance = 0; instance < 2; instance++) {
            try (OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN))).instance(instance, 2).open()) {
                h.restore(snapshot);
                assertThat(((WindowOperator) h.operator()).currentWatermark()).isEqualTo(5);
                for (String k : keys) {
                    if (KeyGroups.instanceOf(KeyGroups.keyGroup(k, 128), 2, 128) == instance) {
                        h.process(at(k, 7), at(k, 5)); // neither is late: the restored watermark is 5
                    }
                }
                h.process(at("z", 2)); // late on both instances
                h.finish();
                for (Object o : h.output()) {
                    var r = (io.sluice.api.window.WindowResult<?, ?>) o;
                    assertThat(counts.put((String) r.key(), (Long) r.value())).isNull();
                }
                assertThat(h.sideOutput()).containsExactly("z");
            }
        }
        assertThat(counts).hasSize(26).allSatisfy((k, v) -> assertThat(v).isEqualTo(3L));
    }

    @Test
    void windowAllCountsTheWholeStream() {
        List<Object> input = List.of(at("a", 1), at("b", 2), at("c", 11), wm(10), at("d", 3), at("e", 19));
        OperatorHarness.verify(countingAll(Windows.tumbling(TEN)), input, List.of(
                new AllWindowResult<>(0, 10, 2L), new AllWindowResult<>(10, 20, 2L)), List.of("d"));
    }

    @Test
    void endOfInputFiresEveryWindowLeft() {
        OperatorHarness.verify(counting(Windows.tumbling(TEN)), List.of(at("b", 25), at("a", 1)), List.of(
                result("a", 0, 10, 1L), result("b", 20, 30, 1L)));
    }

    @Test
    void aRecordWithoutEventTimeFailsNamingTheCause() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.tumbling(TEN))).open()) {
            assertThatThrownBy(() -> h.process("a"))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("windows need event time");
        }
    }
}
