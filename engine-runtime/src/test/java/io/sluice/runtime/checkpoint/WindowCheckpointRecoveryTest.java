package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.window.Windows;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Windows under real checkpoints: a keyed tumbling count is crashed (cancelled without a final checkpoint) twice
 * and finished from the latest checkpoint, its window operator at another parallelism each time. Every window
 * result must be committed exactly once: open windows, their timers and the watermark come back from the
 * snapshot, split over the new instances by key group. At parallelism 1 the window is fused into the source's
 * chain; at 2 and 3 it is aggregated in two stages (a local stage at the end of the source's chain sends its
 * open slices ahead of every barrier), so the snapshots also cross between one and two stages.
 */
class WindowCheckpointRecoveryTest {

    private static final int EVENTS = 30_000;
    private static final int KEYS = 50;
    private static final int WINDOW_MS = 100;

    @TempDir
    Path dir;

    /** Sessions: events in the first two thirds of every period, none in the last. */
    private static final int PERIOD_MS = 600;

    /**
     * Event {@code i} happens at {@code i} ms; one source instance, so the events stay in time order. Tumbling:
     * every event; sessions (gap 60 ms, combined locally): events in the first 400 ms of every 600, so one
     * session per key and period.
     */
    private static Pipeline windowedCounts(TransactionalListSink sink, int perMilli, boolean sessions) {
        Pipeline p = Pipeline.create();
        List<Integer> events = IntStream.range(0, EVENTS).filter(i -> !sessions || i % PERIOD_MS < PERIOD_MS * 2 / 3).boxed()
                .toList();
        p.source(new PacedListSource<>(events, perMilli),
                        WatermarkPolicy.boundedOutOfOrder((Integer i) -> (long) i, Duration.ZERO))
                .parallelism(1).uid("events")
                .keyBy(i -> i % KEYS)
                .window(sessions ? Windows.session(Duration.ofMillis(60)).combineLocally(Duration.ofMillis(40))
                        : Windows.tumbling(Duration.ofMillis(WINDOW_MS)))
                .aggregate(Aggregations.counting()).uid("windows")
                .map(r -> r.key() + "@" + r.windowStart() + "=" + r.value())
                .sink(sink).uid("out");
        return p;
    }

    private JobConfig config(int parallelism, String restore) {
        return JobConfig.defaults().withJobName("window-ckpt").withParallelism(parallelism).withWorkers(2)
                .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(100), dir).restoringFrom(restore));
    }

    private static List<String> expected(boolean sessions) {
        List<String> out = new ArrayList<>();
        if (sessions) {
            for (int period = 0; period * PERIOD_MS < EVENTS; period++) {
                for (int key = 0; key < KEYS; key++) {
                    out.add(key + "@" + (period * PERIOD_MS + key) + "=" + (PERIOD_MS * 2 / 3 / KEYS));
                }
            }
            return out;
        }
        for (int start = 0; start < EVENTS; start += WINDOW_MS) {
            for (int key = 0; key < KEYS; key++) {
                out.add(key + "@" + start + "=" + (WINDOW_MS / KEYS));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "window parallelism {0}, then {1}, then {2}; sessions {3}")
    @CsvSource({"2, 2, 2, false", "2, 1, 3, false", "1, 3, 2, false", "2, 2, 2, true", "1, 3, 2, true"})
    void everyWindowResultIsCommittedExactlyOnceAcrossCrashesAndRescaling(int first, int second, int third,
                                                                          boolean sessions) throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        assertThat(JobRunner.plan(windowedCounts(sink, 5, sessions), config(2, null)).vertices().get(0).last().kind())
                .isEqualTo(Kind.LOCAL_WINDOW_AGGREGATE);
        crash(JobRunner.start(windowedCounts(sink, 5, sessions), config(first, null)), 3);
        int afterFirst = sink.committed.size();
        assertThat(afterFirst).as("some windows were committed before the first crash").isPositive();
        crash(JobRunner.start(windowedCounts(sink, 5, sessions), config(second, "latest")), 2);

        JobResult last = JobRunner.start(windowedCounts(sink, 1_000, sessions), config(third, "latest"))
                .join(Duration.ofSeconds(60));
        assertThat(last.cancelled()).isFalse();
        assertThat(new ArrayList<>(sink.committed)).hasSize(expected(sessions).size())
                .containsExactlyInAnyOrderElementsOf(expected(sessions));
    }

    /** Waits for {@code checkpoints} checkpoints, then cancels: no final checkpoint, as a crash would leave it. */
    private static void crash(JobHandle job, int checkpoints) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long firstId = -1;
        while (true) {
            assertThat(System.nanoTime()).as("%d checkpoints within 30 s", checkpoints).isLessThan(deadline);
            CheckpointStats s = job.lastCheckpoint();
            if (s != null) {
                firstId = firstId < 0 ? s.checkpointId() : firstId;
                if (s.checkpointId() - firstId + 1 >= checkpoints) {
                    break;
                }
            }
            assertThat(job.isDone()).as("job ended before %d checkpoints", checkpoints).isFalse();
            Thread.sleep(20);
        }
        job.cancel();
        job.join(Duration.ofSeconds(10));
    }
}
