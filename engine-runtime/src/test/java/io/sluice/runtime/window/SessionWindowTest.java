package io.sluice.runtime.window;

import static io.sluice.runtime.window.WindowTesting.at;
import static io.sluice.runtime.window.WindowTesting.counting;
import static io.sluice.runtime.window.WindowTesting.result;
import static io.sluice.runtime.window.WindowTesting.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.window.Windows;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionWindowTest {

    private static final Duration GAP = Duration.ofMillis(10);

    @Test
    void anEventExactlyTheGapAfterTheLastOneExtendsTheSessionAndOneMoreMillisecondStartsANewOne() {
        List<Object> input = List.of(at("a", 0), at("b", 5), at("a", 10), at("a", 21), wm(20), wm(21));
        OperatorHarness.verify(counting(Windows.session(GAP)), input, List.of(
                result("b", 5, 15, 1L), result("a", 0, 20, 2L), result("a", 21, 31, 1L)));
    }

    @Test
    void aSessionFiresOnlyOnceTheWatermarkHasPassedLastPlusGap() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.session(GAP))).open()) {
            h.process(at("a", 0), wm(10));
            assertThat(h.output()).isEmpty();
            h.process(at("a", 10), wm(20)); // 10 is not late at watermark 10, and extends the session
            assertThat(h.output()).isEmpty();
            h.process(wm(21));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::toString)
                    .containsExactly(result("a", 0, 20, 2L) + "@20");
        }
    }

    @Test
    void anOutOfOrderEventThatFillsTheGapMergesTwoSessions() {
        List<Object> input = List.of(at("a", 0), at("a", 20), at("a", 10), wm(30), wm(31));
        OperatorHarness.verify(counting(Windows.session(GAP)), input, List.of(result("a", 0, 30, 3L)));
    }

    @Test
    void aLateEventWithinTheLatenessCanBridgeSessionsThatAlreadyFired() {
        List<Object> input = List.of(
                at("a", 0), at("a", 25), wm(40),   // two sessions, both complete
                at("a", 12),                       // touches neither: a session of its own, complete at once
                at("a", 18),                       // bridges (12) and (25)
                at("a", 5),                        // bridges (0) and (12..25)
                wm(200),                           // everything dropped
                at("a", 50));                      // 50 < 200 - 100: late
        OperatorHarness.verify(counting(Windows.session(GAP).allowedLateness(Duration.ofMillis(100))), input, List.of(
                result("a", 0, 10, 1L), result("a", 25, 35, 1L),
                result("a", 12, 22, 1L), result("a", 12, 35, 3L), result("a", 0, 35, 5L)), List.of("a"));
    }

    @Test
    void withoutLatenessAnEventBehindTheWatermarkIsLateEvenIfItsSessionIsOpen() {
        List<Object> input = List.of(at("a", 0), at("a", 30), wm(35), at("a", 32), at("a", 36));
        OperatorHarness.verify(counting(Windows.session(GAP)), input, List.of(
                result("a", 0, 10, 1L), result("a", 30, 46, 2L)), List.of("a"));
    }

    @Test
    void sessionsAreDroppedWhenTheyFire() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.session(GAP))).open()) {
            WindowOperator op = (WindowOperator) h.operator();
            h.process(at("a", 0), at("b", 3), at("a", 8), wm(17));
            assertThat(op.keyCount()).isEqualTo(1);
            h.process(wm(19));
            assertThat(op.keyCount()).isZero();
            assertThat(h.output()).containsExactly(result("b", 3, 13, 1L), result("a", 0, 18, 2L));
        }
    }
}
