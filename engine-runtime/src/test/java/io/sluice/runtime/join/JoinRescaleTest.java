package io.sluice.runtime.join;

import static io.sluice.runtime.join.JoinTestSupport.operatorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codecs;
import io.sluice.api.join.IntervalJoin;
import io.sluice.api.join.TableJoin;
import io.sluice.api.join.UnboundedJoin;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every join snapshotted mid-stream at one parallelism and restored at another (the instances' snapshots merged,
 * then split by key group, as a checkpoint restore does) ends with exactly the output of a run that never stopped:
 * buffered records, open windows, table values and the watermark all move with their key groups (so records
 * that were late before the restore are still late after it).
 */
class JoinRescaleTest {

    /** One input record or a watermark ({@code side < 0}). */
    record Step(int side, String item, long ts) {
        Object toHarness() {
            return side < 0 ? OperatorHarness.watermarkOf(ts)
                    : side == 0 ? JoinTestSupport.left(item, ts) : JoinTestSupport.right(item, ts);
        }
    }

    private static List<Step> steps(long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        long ts = 0;
        for (int i = 0; i < 400; i++) {
            ts += random.nextInt(4);
            int side = random.nextInt(2);
            // one record in eight is behind by up to 15 ms: late when the last watermark (ts - 5) passed it
            long at = random.nextInt(8) == 0 ? ts - random.nextInt(16) : ts;
            steps.add(new Step(side, "k" + random.nextInt(30) + ":" + (side == 0 ? "L" : "R") + i, at));
            if (i % 25 == 24) {
                steps.add(new Step(-1, null, ts - 5));
            }
        }
        return steps;
    }

    private static Supplier<Operator> join(String kind) {
        return switch (kind) {
            case "interval" -> operatorOf(j -> j.interval(
                    IntervalJoin.within(Duration.ofMillis(10), Duration.ofMillis(20), Codecs.strings(), Codecs.strings()),
                    JoinTestSupport::pair));
            case "window" -> operatorOf(j -> j.windowed(
                    WindowJoin.of(Windows.sliding(Duration.ofMillis(40), Duration.ofMillis(20)), Codecs.strings(),
                            Codecs.strings()),
                    (start, end, l, r) -> start + " " + l + "+" + r));
            case "table" -> operatorOf(j -> j.withTable(TableJoin.leftOuter(Codecs.strings()), JoinTestSupport::pair));
            case "unbounded" -> operatorOf(j -> j.unbounded(UnboundedJoin.inner(Codecs.strings(), Codecs.strings()),
                    JoinTestSupport::pair));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @CsvSource({"interval,1,3", "interval,3,1", "window,2,1", "window,1,2", "table,2,3", "unbounded,3,2"})
    void aRestoreAtAnotherParallelismContinuesExactlyWhereTheJoinStopped(String kind, int before, int after) {
        Supplier<Operator> join = join(kind);
        List<Step> steps = steps(kind.hashCode());
        int cut = steps.size() / 2;
        long watermark = steps.stream().limit(cut).filter(s -> s.side() < 0).mapToLong(Step::ts).max().orElseThrow();
        for (int k = 0; k < 30; k++) { // right after the restore: late for the event-time joins
            steps.add(cut, new Step(k % 2, "k" + k + ":late" + k, watermark - 1));
        }

        List<Object> expected;
        try (OperatorHarness h = OperatorHarness.of(join).inputs(2).open()) {
            steps.forEach(s -> h.process(s.toHarness()));
            expected = h.finish().output();
        }

        List<Object> actual = new ArrayList<>();
        List<StateSnapshot> parts = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            try (OperatorHarness h = OperatorHarness.of(join).instance(i, before).inputs(2).open()) {
                feed(h, steps.subList(0, cut), i, before);
                actual.addAll(h.output());
                parts.add(h.snapshot());
            }
        }
        StateSnapshot merged = StateSnapshot.merge(parts);
        for (int i = 0; i < after; i++) {
            try (OperatorHarness h = OperatorHarness.of(join).instance(i, after).inputs(2).open()) {
                h.restore(merged);
                feed(h, steps.subList(cut, steps.size()), i, after);
                actual.addAll(h.finish().output());
            }
        }

        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The steps instance {@code instance} of {@code parallelism} receives: its keys' records, every watermark. */
    private static void feed(OperatorHarness h, List<Step> steps, int instance, int parallelism) {
        for (Step s : steps) {
            if (s.side() < 0 || KeyGroups.instanceOf(KeyGroups.keyGroup(JoinTestSupport.keyOf(s.item()), 128),
                    parallelism, 128) == instance) {
                h.process(s.toHarness());
            }
        }
    }
}
