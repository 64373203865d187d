package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codecs;
import io.sluice.api.join.IntervalJoin;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.testing.JobWaits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A two-input join through real checkpoints: the job is cancelled like a crash after a few checkpoints and
 * restored from the latest, possibly at another parallelism. Both inputs are 0, 1, 2, ... with event time = the
 * value and key = value mod 20, so the join pairs every value with itself and nothing else: the committed output
 * must be every value exactly once, whatever buffered state and watermark the checkpoint caught. The sources run
 * as one instance each (a {@code ListSource} reader given several splits emits them one after the other, which
 * would make one split's records late against the other's watermark); the join's parallelism changes.
 */
class JoinCheckpointRecoveryTest {

    private static final int EVENTS = 20_000;
    private static final int SLOW = 5;
    private static final int FAST = 1_000;

    @TempDir
    Path dir;

    private static Pipeline join(String kind, TransactionalListSink sink, int perMilli) {
        Pipeline p = Pipeline.create();
        List<Long> values = IntStream.range(0, EVENTS).mapToObj(i -> (long) i).toList();
        KeyedStream<Long, Long> left = p.source(new PacedListSource<>(values, perMilli),
                WatermarkPolicy.<Long>monotonic(v -> v)).uid("left").parallelism(1).keyBy(v -> v % 20);
        KeyedStream<Long, Long> right = p.source(new PacedListSource<>(values, perMilli),
                WatermarkPolicy.<Long>monotonic(v -> v)).uid("right").parallelism(1).keyBy(v -> v % 20);
        var joined = kind.equals("interval")
                ? left.join(right).interval(IntervalJoin.within(Duration.ofMillis(3), Duration.ofMillis(3),
                        Codecs.longs(), Codecs.longs()), (a, b) -> a + "=" + b)
                : left.join(right).windowed(WindowJoin.of(Windows.tumbling(Duration.ofMillis(10)), Codecs.longs(),
                        Codecs.longs()), (start, end, a, b) -> a + "=" + b);
        joined.uid("join").sink(sink).uid("out");
        return p;
    }

    private JobConfig config(int parallelism, String restore) {
        return JobConfig.defaults().withJobName("join-ckpt").withParallelism(parallelism).withWorkers(2)
                .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(100), dir).restoringFrom(restore));
    }

    @ParameterizedTest(name = "{0} join: crash at parallelism {1}, restore at {2}")
    @CsvSource({"interval, 2, 1", "interval, 1, 2", "window, 2, 3"})
    void afterACrashTheCommittedPairsHaveNoLossNoDuplicate(String kind, int before, int after) throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle first = JobRunner.start(join(kind, sink, SLOW), config(before, null));
        JobWaits.awaitCheckpoints(first, 3, Duration.ofSeconds(30));
        first.cancel();
        first.join(Duration.ofSeconds(10));
        assertThat(sink.committed.size()).as("some pairs were committed before the crash").isPositive()
                .isLessThan(EVENTS);

        JobResult last = JobRunner.start(join(kind, sink, FAST), config(after, "latest")).join(Duration.ofSeconds(60));
        assertThat(last.cancelled()).isFalse();

        assertThat(sink.committed).hasSize(EVENTS).doesNotHaveDuplicates()
                .allSatisfy(pair -> assertThat(pair.substring(0, pair.indexOf('='))).isEqualTo(
                        pair.substring(pair.indexOf('=') + 1)));
    }
}
