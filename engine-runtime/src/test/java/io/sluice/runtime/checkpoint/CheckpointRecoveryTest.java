package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.testing.JobWaits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoints, restore and exactly-once output: a keyed rolling count over a paced input is interrupted
 * (the job is cancelled without any final checkpoint, as a crash would leave it) and restarted from the
 * latest checkpoint, possibly at another parallelism. A rolling count emits 1, 2, 3, ... per key, so the
 * committed output shows any loss, duplicate or reordering.
 */
class CheckpointRecoveryTest {

    private static final int EVENTS = 60_000;
    private static final int KEYS = 50;

    @TempDir
    Path dir;

    /** Slow enough that interrupted runs see several checkpoints however loaded the machine is. */
    private static final int SLOW = 5;
    private static final int FAST = 1_000;

    private static Pipeline countPerKey(TransactionalListSink sink) {
        return countPerKey(sink, SLOW);
    }

    private static Pipeline countPerKey(TransactionalListSink sink, int perMilli) {
        return countPerKey(sink, perMilli, WatermarkPolicy.fromSource());
    }

    private static Pipeline countPerKey(TransactionalListSink sink, int perMilli, WatermarkPolicy<Integer> policy) {
        Pipeline p = Pipeline.create();
        p.source(new PacedListSource<>(IntStream.range(0, EVENTS).boxed().toList(), perMilli), policy).uid("events")
                .keyBy(x -> x % KEYS)
                .aggregate(Aggregations.counting()).uid("count")
                .map(kv -> kv.key() + ":" + kv.value())
                .sink(sink).uid("out");
        return p;
    }

    private JobConfig config(int parallelism, String restore) {
        return JobConfig.defaults().withJobName("ckpt").withParallelism(parallelism).withWorkers(2)
                .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(100), dir).restoringFrom(restore));
    }

    private static List<String> expected() {
        List<String> out = new ArrayList<>();
        int[] counts = new int[KEYS];
        for (int i = 0; i < EVENTS; i++) {
            out.add((i % KEYS) + ":" + ++counts[i % KEYS]);
        }
        return out;
    }

    @ParameterizedTest(name = "crash at parallelism {0}, restore at {1}")
    @CsvSource({"2, 2", "2, 1", "1, 3"})
    void afterCrashesTheCommittedOutputHasNoLossNoDuplicate(int before, int after) throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle first = JobRunner.start(countPerKey(sink), config(before, null));
        JobWaits.awaitCheckpoints(first, 3, Duration.ofSeconds(30));
        first.cancel(); // like a crash: no final checkpoint, staged output of the running epoch is never committed
        first.join(Duration.ofSeconds(10));
        assertThat(sink.committed.size()).as("some output was committed before the crash").isPositive().isLessThan(EVENTS);

        JobHandle second = JobRunner.start(countPerKey(sink), config(after, "latest"));
        JobWaits.awaitCheckpoints(second, 2, Duration.ofSeconds(30));
        second.cancel();
        second.join(Duration.ofSeconds(10));

        JobResult last = JobRunner.start(countPerKey(sink, FAST), config(after, "latest")).join(Duration.ofSeconds(60));
        assertThat(last.cancelled()).isFalse();

        assertExactlyOnce(sink);
    }

    private static void assertExactlyOnce(TransactionalListSink sink) {
        List<String> committed = new ArrayList<>(sink.committed);
        assertThat(committed).hasSize(EVENTS).containsExactlyInAnyOrderElementsOf(expected());
        // per key, the counts were committed in order
        committed.stream().collect(Collectors.groupingBy(s -> s.substring(0, s.indexOf(':'))))
                .forEach((key, values) -> assertThat(values).isSortedAccordingTo(
                        (a, b) -> Integer.compare(Integer.parseInt(a.substring(a.indexOf(':') + 1)),
                                Integer.parseInt(b.substring(b.indexOf(':') + 1)))));
    }

    /**
     * Aligned source instances whose event times advance at different speeds (instance 1's four times as fast
     * as instance 0's, so it is paused most of the time): checkpoints still complete, and a restore still gives
     * exactly-once output.
     */
    @Test
    void alignedSourcesStillCheckpointAndRestore() throws Exception {
        WatermarkPolicy<Integer> skewed = WatermarkPolicy.<Integer>boundedOutOfOrder(x -> x % 2 == 0 ? x : 4L * x,
                Duration.ZERO).withAlignment(Duration.ofMillis(100));
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle first = JobRunner.start(countPerKey(sink, SLOW, skewed), config(2, null));
        JobWaits.awaitCheckpoints(first, 3, Duration.ofSeconds(30));
        first.cancel();
        first.join(Duration.ofSeconds(10));
        assertThat(first.metrics().vertices().get(0).alignmentPauses()).isPositive();

        JobResult last = JobRunner.start(countPerKey(sink, FAST, skewed), config(2, "latest")).join(Duration.ofSeconds(60));
        assertThat(last.cancelled()).isFalse();
        assertExactlyOnce(sink);
    }

    /**
     * Stop with a savepoint: the committed output ends exactly at the savepoint (its own epoch committed before
     * the job ends, nothing after it), so a run restored from it into a fresh sink adds exactly the rest.
     */
    @Test
    void stopWithSavepointCommitsExactlyUpToTheSavepoint() throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle job = JobRunner.start(countPerKey(sink), config(2, null));
        JobWaits.awaitCheckpoints(job, 2, Duration.ofSeconds(30));
        CheckpointStats savepoint = job.stopWithSavepoint().get(30, java.util.concurrent.TimeUnit.SECONDS);
        JobResult stopped = job.join(Duration.ofSeconds(10));
        assertThat(stopped.cancelled()).isTrue();
        assertThat(savepoint.savepoint()).isTrue();
        assertThat(job.lastCheckpoint().checkpointId()).as("no checkpoint after the savepoint")
                .isEqualTo(savepoint.checkpointId());
        List<String> before = new ArrayList<>(sink.committed);
        assertThat(before).isNotEmpty().hasSizeLessThan(EVENTS);

        TransactionalListSink rest = new TransactionalListSink(); // knows nothing the first run staged
        JobResult resumed = JobRunner.start(countPerKey(rest, FAST), config(2, savepoint.path())).join(Duration.ofSeconds(60));
        assertThat(resumed.cancelled()).isFalse();
        List<String> all = new ArrayList<>(before);
        all.addAll(rest.committed);
        assertThat(all).hasSize(EVENTS).containsExactlyInAnyOrderElementsOf(expected());
    }

    @Test
    void checkpointsAreWrittenWithAManifestAndOnlyTheNewestAreKept() throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle job = JobRunner.start(countPerKey(sink), config(2, null));
        JobWaits.awaitCheckpoints(job, 6, Duration.ofSeconds(30));
        job.cancel();
        job.join(Duration.ofSeconds(10));

        List<Path> complete;
        try (var s = Files.list(dir)) {
            complete = s.filter(p -> Files.exists(p.resolve(Manifest.FILE_NAME))).toList();
        }
        assertThat(complete).hasSizeBetween(1, 3);
        CheckpointStats stats = job.lastCheckpoint();
        assertThat(stats.bytes()).isPositive();
        assertThat(stats.maxSyncNanos()).isPositive();
    }

    @Test
    void aCorruptCheckpointIsSkippedForThePreviousOne() throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle job = JobRunner.start(countPerKey(sink), config(1, null));
        JobWaits.awaitCheckpoints(job, 4, Duration.ofSeconds(30));
        job.cancel();
        job.join(Duration.ofSeconds(10));
        CheckpointStorage storage = new CheckpointStorage(dir, 3);
        RestoredCheckpoint newest = storage.latest(w -> { }).orElseThrow();
        Path someFile;
        try (var s = Files.list(newest.path())) {
            someFile = s.filter(p -> p.getFileName().toString().endsWith(".snap")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(someFile);
        Files.write(someFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        List<String> warnings = new ArrayList<>();
        RestoredCheckpoint chosen = storage.latest(warnings::add).orElseThrow();

        assertThat(chosen.checkpointId()).isLessThan(newest.checkpointId());
        assertThat(warnings).singleElement().asString().contains(newest.path().getFileName().toString(), "checksum");
    }

    @Test
    void stateOfARemovedOperatorIsRefusedUnlessAllowed() throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle job = JobRunner.start(countPerKey(sink), config(1, null));
        JobWaits.awaitCheckpoints(job, 1, Duration.ofSeconds(30));
        job.cancel();
        job.join(Duration.ofSeconds(10));

        Pipeline changed = Pipeline.create();
        changed.source(new PacedListSource<>(List.of(1, 2, 3), 40)).uid("events")
                .keyBy(x -> x % KEYS).aggregate(Aggregations.counting()).uid("renamed-count")
                .map(kv -> kv.key() + ":" + kv.value()).sink(sink).uid("out");

        assertThatThrownBy(() -> JobRunner.start(changed, config(1, "latest")))
                .hasMessageContaining("[count]").hasMessageContaining("--allow-non-restored-state");
        JobConfig allowed = config(1, "latest").withCheckpointing(
                config(1, "latest").checkpoint().allowingNonRestoredState(true));
        assertThat(JobRunner.start(changed, allowed).join(Duration.ofSeconds(60)).cancelled()).isFalse();
    }

    @Test
    void whenCheckpointsCannotBeWrittenTheJobFailsInsteadOfRunningWithoutThem() throws Exception {
        TransactionalListSink sink = new TransactionalListSink();
        JobHandle job = JobRunner.start(countPerKey(sink), config(1, null));
        JobWaits.awaitCheckpoints(job, 1, Duration.ofSeconds(30));
        // the directory disappears and a plain file takes its place: nothing more can be written there
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(dir, "not a directory");

        assertThatThrownBy(() -> job.join(Duration.ofSeconds(60)))
                .hasMessageContaining("checkpointing failed");
        assertThat(job.savepoint()).isCompletedExceptionally();
        Files.delete(dir);
        Files.createDirectories(dir); // for @TempDir's cleanup
    }
}
