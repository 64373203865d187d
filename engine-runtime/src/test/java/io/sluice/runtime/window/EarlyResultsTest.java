package io.sluice.runtime.window;

import static io.sluice.runtime.window.WindowTesting.at;
import static io.sluice.runtime.window.WindowTesting.counting;
import static io.sluice.runtime.window.WindowTesting.result;
import static io.sluice.runtime.window.WindowTesting.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.window.Windows;
import io.sluice.runtime.testing.ManualClock;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyResultsTest {

    private static final Duration TEN = Duration.ofMillis(10);

    @Test
    void eachMultipleOfTheIntervalThatTheWatermarkCrossesEmitsTheRunningResults() {
        List<Object> input = List.of(
                at("a", 1), wm(3),         // crosses 0
                at("a", 5), wm(4),         // crosses 4
                wm(7),
                at("b", 8), wm(8),         // crosses 8: both keys, in the order of their timers
                wm(10),                    // the final results; nothing is open any more
                at("a", 12), wm(12));      // crosses 12
        OperatorHarness.verify(counting(Windows.tumbling(TEN).earlyResults(Duration.ofMillis(4))), input, List.of(
                result("a", 0, 10, 1L),
                result("a", 0, 10, 2L),
                result("a", 0, 10, 2L), result("b", 0, 10, 1L),
                result("a", 0, 10, 2L), result("b", 0, 10, 1L),
                result("a", 10, 20, 1L),
                result("a", 10, 20, 1L)));
    }

    @Test
    void slidingAndSessionWindowsEmitEveryOpenWindow() {
        OperatorHarness.verify(counting(Windows.sliding(TEN, Duration.ofMillis(5)).earlyResults(TEN)),
                List.of(at("a", 7), wm(9), wm(10)), List.of(
                        result("a", 0, 10, 1L), result("a", 5, 15, 1L), // early, at 9 (crossing 0)
                        result("a", 0, 10, 1L),                          // final, at 10
                        result("a", 5, 15, 1L),                          // early, at 10 (crossing 10)
                        result("a", 5, 15, 1L)));                        // final, at end of input
        OperatorHarness.verify(counting(Windows.session(TEN).earlyResults(Duration.ofMillis(5))),
                List.of(at("a", 0), wm(2), at("a", 6), wm(5)), List.of(
                        result("a", 0, 10, 1L), result("a", 0, 16, 2L), result("a", 0, 16, 2L)));
    }

    @Test
    void processingTimeEarlyResultsFollowTheClock() {
        ManualClock clock = new ManualClock(1_000);
        try (OperatorHarness h = OperatorHarness.of(
                counting(Windows.tumbling(TEN).earlyResultsInProcessingTime(Duration.ofMillis(100)))).clock(clock).open()) {
            h.process(at("a", 1)).tick();
            assertThat(h.output()).isEmpty();
            clock.advance(Duration.ofMillis(100));
            h.tick();
            assertThat(h.takeOutput()).containsExactly(result("a", 0, 10, 1L));
            h.process(at("a", 2));
            clock.advance(Duration.ofMillis(50));
            h.tick();
            assertThat(h.output()).isEmpty();
            clock.advance(Duration.ofMillis(50));
            h.tick();
            assertThat(h.takeOutput()).containsExactly(result("a", 0, 10, 2L));
            h.process(wm(10));
            assertThat(h.takeOutput()).containsExactly(result("a", 0, 10, 2L));
            clock.advance(Duration.ofMillis(100));
            h.tick();
            assertThat(h.output()).isEmpty();
        }
    }
}
