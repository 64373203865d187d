package io.sluice.connectors.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.function.MapFn;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.SplitCollectingOutput;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.testing.JobWaits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle → job → Chronicle through real checkpoints, in process: the source's position (excerpt index and
 * record in it) is in every checkpoint and a restored job resumes right after it, and the sink commits each
 * checkpoint's records exactly once. Runs
 * are interrupted by a cancel, which takes no final checkpoint and commits nothing more, as a crash would
 * leave them; the separate-JVM SIGKILL test is {@code ChronicleCrashRecoveryTest} in the jobs module.
 */
class ChronicleCheckpointTest {

    private static final int EVENTS = 40_000;

    @TempDir
    Path dir;

    /** Slows the job down to about 20,000 records/s, so an interrupted run sees several checkpoints. */
    static final class Pace implements MapFn<String, String> {
        private long n;

        @Override
        public String apply(String s) {
            if (++n % 20 == 0) {
                LockSupport.parkNanos(1_000_000);
            }
            return s;
        }
    }

    private Pipeline copy(boolean paced) {
        Pipeline p = Pipeline.create();
        p.source(Connectors.source("chronicle:" + dir.resolve("in") + "?until=latest", Codecs.strings())).uid("events")
                .map(paced ? new Pace() : s -> s).named("pace")
                .sink(Connectors.sink("chronicle:" + dir.resolve("out"), Codecs.strings())).uid("out");
        return p;
    }

    private JobConfig config(String restore) {
        return JobConfig.defaults().withJobName("chronicle-copy").withParallelism(1).withWorkers(2)
                .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(100), dir.resolve("checkpoints"))
                        .restoringFrom(restore));
    }

    private List<String> read(Path queue) throws Exception {
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(Readers.open(Connectors.source("chronicle:" + queue + "?until=latest",
                Codecs.strings()), 1).get(0), out);
        return out.records();
    }

    /** The source's position in the checkpoint in {@code dir}. */
    private static ChronicleSplit restoredPosition(String dir) throws Exception {
        List<byte[]> splits = CheckpointStorage.load(Path.of(dir)).sourceSplits().get("events");
        assertThat(splits).hasSize(1);
        return (ChronicleSplit) ChronicleSplitCodec.INSTANCE.decode(splits.get(0));
    }

    @Test
    void interruptedAndRestoredTwiceTheOutputIsTheInputExactlyOnceInOrder() throws Exception {
        List<String> input = ChronicleConnectorTest.values("e", EVENTS);
        // 1,000 records per excerpt while the worker reads 512 at a time: below 64,000 records, every position
        // between two reads is inside an excerpt, so each checkpoint lands in one (the case to prove)
        new ChronicleConnectorTest().append("chronicle:" + dir.resolve("in") + "?batch=1000", input);

        JobHandle first = JobRunner.start(copy(true), config(null));
        JobWaits.awaitCheckpoints(first, 3, Duration.ofSeconds(30));
        first.cancel();
        first.join(Duration.ofSeconds(10));
        int afterFirst = read(dir.resolve("out")).size();
        assertThat(afterFirst).as("committed before the first interruption").isPositive().isLessThan(EVENTS);
        assertThat(read(dir.resolve("out"))).containsExactlyElementsOf(input.subList(0, afterFirst));

        JobHandle second = JobRunner.start(copy(true), config("latest"));
        assertThat(second.restoredFrom()).isNotNull();
        ChronicleSplit restoredAt = restoredPosition(second.restoredFrom());
        assertThat(restoredAt.after()).as("restored inside an excerpt: %s", restoredAt).isFalse();
        assertThat(restoredAt.offset()).as("restored inside an excerpt: %s", restoredAt).isPositive();
        JobWaits.awaitCheckpoints(second, 2, Duration.ofSeconds(30));
        second.cancel();
        second.join(Duration.ofSeconds(10));
        assertThat(read(dir.resolve("out")).size()).as("the restored run committed more").isGreaterThan(afterFirst);

        JobResult last = JobRunner.start(copy(false), config("latest")).join(Duration.ofSeconds(60));
        assertThat(last.cancelled()).isFalse();
        assertThat(read(dir.resolve("out"))).containsExactlyElementsOf(input);
    }
}
