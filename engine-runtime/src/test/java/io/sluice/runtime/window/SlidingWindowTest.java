package io.sluice.runtime.window;

import static io.sluice.runtime.window.WindowTesting.at;
import static io.sluice.runtime.window.WindowTesting.counting;
import static io.sluice.runtime.window.WindowTesting.result;
import static io.sluice.runtime.window.WindowTesting.summing;
import static io.sluice.runtime.window.WindowTesting.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.LongAccumulator;
import io.sluice.api.codec.Codec;
import io.sluice.api.window.Windows;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final Duration TEN = Duration.ofMillis(10);
    private static final Duration FIVE = Duration.ofMillis(5);

    /** {@link LongAccumulator#CODEC}'s format under another codec object, which keeps a window's slices boxed. */
    private static final Codec<LongAccumulator> SAME_FORMAT = new Codec<>() {
        @Override
        public Class<LongAccumulator> type() {
            return LongAccumulator.class;
        }

        @Override
        public void encode(LongAccumulator value, OutputStream out) throws IOException {
            LongAccumulator.CODEC.encode(value, out);
        }

        @Override
        public LongAccumulator decode(byte[] bytes, int offset, int length) throws IOException {
            return LongAccumulator.CODEC.decode(bytes, offset, length);
        }
    };

    @Test
    void everyEventCountsInEachWindowThatHoldsIt() {
        List<Object> input = List.of(at("a", 1), at("a", 6), wm(8), at("a", 12), at("b", 9), wm(10), wm(20));
        OperatorHarness.verify(counting(Windows.sliding(TEN, FIVE)), input, List.of(
                result("a", -5, 5, 1L),
                result("a", 0, 10, 2L), result("b", 0, 10, 1L),
                result("a", 5, 15, 2L), result("a", 10, 20, 1L), result("b", 5, 15, 1L)));
    }

    @Test
    void aSlideThatDoesNotDivideTheSizeUsesSlicesOfTheirGreatestCommonDivisor() {
        // size 10, slide 4: windows start at ..., -8, -4, 0, 4, 8, ...; slices of 2 ms
        List<Object> input = List.of(at("a1", 5), at("a2", 9), at("a4", 13));
        OperatorHarness.verify(summing(Windows.sliding(TEN, Duration.ofMillis(4))), input, List.of(
                result("a", -4, 6, 1L), result("a", 0, 10, 3L), result("a", 4, 14, 7L),
                result("a", 8, 18, 6L), result("a", 12, 22, 4L)));
    }

    @Test
    void windowsWithoutEventsInAGapAreSkipped() {
        List<Object> input = List.of(at("a", 1), at("a", 100), wm(200));
        OperatorHarness.verify(counting(Windows.sliding(TEN, FIVE)), input, List.of(
                result("a", -5, 5, 1L), result("a", 0, 10, 1L),
                result("a", 95, 105, 1L), result("a", 100, 110, 1L)));
    }

    @Test
    void aLateEventWithinTheLatenessReEmitsEveryFiredWindowOfItsSlice() {
        List<Object> input = List.of(
                at("a1", 7), wm(15),      // fires [0,10) and [5,15), both 1
                at("a2", 6),              // accepted (6 >= 15 - 10): both fired windows again, [10,20) not yet
                at("a4", 11),             // a new slice: [5,15) fired again, [10,20) not yet
                wm(18),
                at("a8", 9),              // 9 >= 18 - 10: accepted, both fired windows of its slice again
                at("a16", 4),             // 4 < 18 - 10: late
                wm(40));
        OperatorHarness.verify(summing(Windows.sliding(TEN, FIVE).allowedLateness(TEN)), input, List.of(
                result("a", 0, 10, 1L), result("a", 5, 15, 1L),
                result("a", 0, 10, 3L), result("a", 5, 15, 3L),
                result("a", 5, 15, 7L),
                result("a", 0, 10, 11L), result("a", 5, 15, 15L),
                result("a", 10, 20, 4L)), List.of("a16"));
    }

    @Test
    void slicesAreCombinedIntoAFreshAccumulatorSoTheyStayIntact() {
        // An aggregation that would expose a combine writing into its right-hand side.
        AggregateOp<String, long[], Long> sum = new AggregateOp<>() {
            @Override
            public long[] create() {
                return new long[1];
            }

            @Override
            public long[] accumulate(long[] acc, String item) {
                acc[0] += Long.parseLong(item.substring(1));
                return acc;
            }

            @Override
            public long[] combine(long[] left, long[] right) {
                left[0] += right[0];
                return left;
            }

            @Override
            public Long export(long[] acc) {
                return acc[0];
            }

            @Override
            public Codec<long[]> accumulatorCodec() {
                return new Codec<>() {
                    @Override
                    public Class<long[]> type() {
                        return long[].class;
                    }

                    @Override
                    public void encode(long[] value, OutputStream out) throws IOException {
                        out.write(Long.toString(value[0]).getBytes());
                    }

                    @Override
                    public long[] decode(byte[] bytes, int offset, int length) {
                        return new long[] {Long.parseLong(new String(bytes, offset, length))};
                    }
                };
            }
        };
        List<Object> input = List.of(at("a1", 1), at("a2", 6), at("a4", 11), at("a8", 16));
        OperatorHarness.verify(WindowTesting.keyed(Windows.sliding(TEN, FIVE), sum), input, List.of(
                result("a", -5, 5, 1L), result("a", 0, 10, 3L), result("a", 5, 15, 6L),
                result("a", 10, 20, 12L), result("a", 15, 25, 8L)));
    }

    @Test
    void longAccumulatorSlicesHeldUnboxedGiveTheBoxedResultsAcrossASnapshot() {
        // A maximum in a LongAccumulator: not an addition, so the unboxed slices must fold through the op.
        List<Object> first = List.of(at("a3", 1), at("b5", 2), at("a9", 6), wm(5));
        List<Object> second = List.of(at("a4", 11), at("b1", 12), wm(30));
        List<Object> unboxed = runWithSnapshot(maxInLongAccumulator(LongAccumulator.CODEC), first, second);
        // The same op with another codec object: the window keeps its accumulators boxed.
        List<Object> boxed = runWithSnapshot(maxInLongAccumulator(SAME_FORMAT), first, second);
        assertThat(boxed).containsExactly(
                result("a", -5, 5, 3L), result("b", -5, 5, 5L),
                result("a", 0, 10, 9L), result("a", 5, 15, 9L), result("a", 10, 20, 4L),
                result("b", 0, 10, 5L), result("b", 5, 15, 1L), result("b", 10, 20, 1L));
        assertThat(unboxed).isEqualTo(boxed);
    }

    @Test
    void aSnapshotOfBoxedSlicesRestoresIntoUnboxedOnesAndBack() {
        List<Object> first = List.of(at("a3", 1), at("b5", 2), at("a9", 6), at("a7", 7), wm(5));
        List<Object> second = List.of(at("a4", 11), at("b1", 12), wm(30));
        List<Object> expected = runWithSnapshot(maxInLongAccumulator(LongAccumulator.CODEC), first, second);
        for (boolean boxedFirst : new boolean[] {true, false}) {
            Codec<LongAccumulator> before = boxedFirst ? SAME_FORMAT : LongAccumulator.CODEC;
            Codec<LongAccumulator> after = boxedFirst ? LongAccumulator.CODEC : SAME_FORMAT;
            List<Object> output = new ArrayList<>();
            StateSnapshot snapshot;
            try (OperatorHarness h = OperatorHarness.of(
                    WindowTesting.keyed(Windows.sliding(TEN, FIVE), maxInLongAccumulator(before))).open()) {
                h.processAll(first);
                output.addAll(h.output());
                snapshot = h.snapshot();
            }
            try (OperatorHarness h = OperatorHarness.of(
                    WindowTesting.keyed(Windows.sliding(TEN, FIVE), maxInLongAccumulator(after))).open()) {
                h.restore(snapshot);
                h.processAll(second);
                output.addAll(h.output());
            }
            assertThat(output).as("boxed first: %s", boxedFirst).isEqualTo(expected);
        }
    }

    private static AggregateOp<String, LongAccumulator, Long> maxInLongAccumulator(Codec<LongAccumulator> codec) {
        return new AggregateOp<>() {
            @Override
            public LongAccumulator create() {
                return new LongAccumulator(Long.MIN_VALUE);
            }

            @Override
            public LongAccumulator accumulate(LongAccumulator acc, String item) {
                acc.set(Math.max(acc.get(), Long.parseLong(item.substring(1))));
                return acc;
            }

            @Override
            public LongAccumulator combine(LongAccumulator left, LongAccumulator right) {
                left.set(Math.max(left.get(), right.get()));
                return left;
            }

            @Override
            public Long export(LongAccumulator acc) {
                return acc.get();
            }

            @Override
            public Codec<LongAccumulator> accumulatorCodec() {
                return codec;
            }
        };
    }

    private static List<Object> runWithSnapshot(AggregateOp<String, ?, ?> op, List<Object> before, List<Object> after) {
        try (OperatorHarness h = OperatorHarness.of(WindowTesting.keyed(Windows.sliding(TEN, FIVE), op)).open()) {
            h.processAll(before);
            h.snapshotAndRestore();
            h.processAll(after);
            return h.output();
        }
    }

    @Test
    void stateIsOnlyTheSlicesThatAWindowStillNeeds() {
        try (OperatorHarness h = OperatorHarness.of(counting(Windows.sliding(TEN, FIVE))).open()) {
            WindowOperator op = (WindowOperator) h.operator();
            h.process(at("a", 1), at("a", 7), wm(10));
            assertThat(h.output()).containsExactly(result("a", -5, 5, 1L), result("a", 0, 10, 2L));
            h.process(wm(14));
            assertThat(op.keyCount()).isEqualTo(1);
            h.process(wm(15));
            assertThat(op.keyCount()).isZero();
        }
    }
}
