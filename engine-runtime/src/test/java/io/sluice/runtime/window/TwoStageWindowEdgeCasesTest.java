package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowedStream;
import io.sluice.api.window.Windows;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobFailedException;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two-stage windows where a local stage could get ahead of or behind its window: a producer that goes idle (and
 * speaks again), a restore with a record that was late before the checkpoint, and a record sent alone while
 * earlier records of its slice wait in the local stage. Each test runs the same job with
 * {@code withTwoStageWindows(false)} and with the default (two stages) and compares results, late side output,
 * {@code lateRecords} and failures.
 */
class TwoStageWindowEdgeCasesTest {

    record Ev(int key, long ts, long value) {
    }

    static final Codec<Ev> EV_CODEC = new Codec<>() {
        @Override
        public Class<Ev> type() {
            return Ev.class;
        }

        @Override
        public void encode(Ev e, OutputStream out) throws IOException {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(e.key());
            d.writeLong(e.ts());
            d.writeLong(e.value());
            d.flush();
        }

        @Override
        public Ev decode(byte[] bytes, int offset, int length) {
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
            return new Ev(b.getInt(), b.getLong(), b.getLong());
        }
    };

    /** What a run produced: results, late side output and lateRecords, or the failure. */
    record Outcome(List<String> results, List<Ev> late, long lateRecords, String failure) {

        /** A finished run: its results sorted, its late side output and the window "count"'s late records. */
        static Outcome of(JobResult run, CollectingSink<String> results, CollectingSink<Ev> late) {
            List<String> sorted = new ArrayList<>(results.items());
            sorted.sort(null);
            return new Outcome(sorted, late.items(), TwoStageWindowEdgeCasesTest.lateRecords(run, "count"), null);
        }

        /** A failed run, by its root cause. */
        static Outcome failed(JobFailedException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new Outcome(List.of(), List.of(), -1, root.toString());
        }
    }

    private static PipelineTestDriver driver(int parallelism, boolean twoStages) {
        PipelineTestDriver d = PipelineTestDriver.withParallelism(parallelism);
        return d.config(d.config().withTwoStageWindows(twoStages)).timeout(Duration.ofSeconds(30));
    }

    private static long lateRecords(JobResult r, String windowName) {
        return r.metrics().operators().stream().filter(o -> o.name().equals(windowName))
                .mapToLong(OperatorMetrics::lateRecords).sum();
    }

    // ---- 1. an idle producer keeps its open slice while the window's watermark passes it -------------------

    /** Each read of a scripted source instance runs one step. */
    sealed interface Step permits Emit, Idle, Await, Signal {
    }

    record Emit(List<Ev> events) implements Step {
    }

    record Idle() implements Step {
    }

    record Await(AtomicBoolean flag) implements Step {
    }

    record Signal(AtomicBoolean flag) implements Step {
    }

    /** Instance i runs script i, then ends. */
    static final class ScriptedSource implements Source<Ev> {
        private final List<List<Step>> scripts;

        ScriptedSource(List<List<Step>> scripts) {
            this.scripts = scripts;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public boolean isBounded() {
            return true;
        }

        @Override
        public int maxParallelism() {
            return scripts.size();
        }

        @Override
        public List<SourceSplit> createSplits(int parallelism) {
            return IntStream.range(0, parallelism).mapToObj(i -> (SourceSplit) () -> "s" + i).toList();
        }

        @Override
        public SourceReader<Ev> createReader(SourceContext context) {
            List<Step> script = scripts.get(context.instanceIndex());
            return new SourceReader<>() {
                int next;

                @Override
                public void open() {
                }

                @Override
                public ReadStatus read(SourceOutput<Ev> out, int maxRecords) {
                    if (next == script.size()) {
                        return ReadStatus.END_OF_INPUT;
                    }
                    Step step = script.get(next);
                    if (step instanceof Emit e) {
                        e.events().forEach(out::emit);
                    } else if (step instanceof Idle) {
                        out.markIdle();
                        next++;
                        return ReadStatus.NOTHING_AVAILABLE;
                    } else if (step instanceof Await a) {
                        if (!a.flag().get()) {
                            return ReadStatus.NOTHING_AVAILABLE;
                        }
                    } else if (step instanceof Signal s) {
                        s.flag().set(true);
                    }
                    next++;
                    return ReadStatus.MORE_AVAILABLE;
                }

                @Override
                public List<SourceSplit> snapshotSplits(long checkpointId) {
                    return List.of();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Codec<SourceSplit> splitCodec() {
            throw new UnsupportedOperationException("no checkpoints");
        }
    }

    /**
     * Source instance 1 emits one event at t=5 and then goes idle (as a quiet Kafka partition does with an idle
     * timeout); instance 0 moves the watermark to 199. No event is late: with one stage the window [0, 10) fires
     * with 11 events. With two stages the event waits in instance 1's local stage (its watermark never reached 10),
     * the window fires [0, 10) without it, and the partial arrives when the window's watermark is far past it.
     */
    private static Outcome idleProducer(boolean twoStages, long lateness) throws Exception {
        return idleProducer(twoStages, lateness, List.of());
    }

    /** As above; after the window passed 100, instance 1 speaks again with {@code afterIdle}. */
    private static Outcome idleProducer(boolean twoStages, long lateness, List<Ev> afterIdle) throws Exception {
        AtomicBoolean windowPassed100 = new AtomicBoolean();
        AtomicBoolean instance1Done = new AtomicBoolean();
        List<Ev> busy = IntStream.range(0, 200).mapToObj(t -> new Ev(0, t, 1)).toList();
        ScriptedSource source = new ScriptedSource(List.of(
                List.of(new Emit(busy), new Await(instance1Done)),
                List.of(new Emit(List.of(new Ev(0, 5, 1))), new Idle(), new Await(windowPassed100),
                        new Emit(afterIdle), new Signal(instance1Done))));
        CollectingSink<String> results = new CollectingSink<>("results");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        Pipeline p = Pipeline.create();
        var windowed = p.source(source, WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ZERO))
                .windowAll(Windows.tumbling(Duration.ofMillis(10)).allowedLateness(Duration.ofMillis(lateness)));
        windowed.aggregate(Aggregations.counting()).named("count")
                .map(r -> {
                    if (r.windowEnd() >= 100) {
                        windowPassed100.set(true);
                    }
                    return r.toString();
                })
                .sink(results);
        windowed.lateEvents().sink(late);
        try {
            return Outcome.of(driver(2, twoStages).run(p), results, late);
        } catch (JobFailedException e) {
            return Outcome.failed(e);
        }
    }

    @ParameterizedTest(name = "allowed lateness {0} ms")
    @ValueSource(longs = {0, 1_000})
    void anIdleProducerGivesTheSameWindowsAsOneStage(long lateness) throws Exception {
        Outcome oneStage = idleProducer(false, lateness);
        assertThat(oneStage.failure()).isNull();
        assertThat(oneStage.results()).contains("AllWindowResult[windowStart=0, windowEnd=10, value=11]");
        Outcome twoStages = idleProducer(true, lateness);
        assertThat(twoStages).isEqualTo(oneStage);
    }

    /**
     * Instance 1 speaks again after its idle spell with an event at t=95, behind the window's watermark (199):
     * one stage finds it late. Flushing the open slices when the producer goes idle is not enough: its local stage's
     * watermark is still 5, so it folds the event into a slice whose partial then arrives late.
     */
    @Test
    void anEventFromAProducerThatWasIdleIsJudgedAsOneStageJudgesIt() throws Exception {
        List<Ev> resume = List.of(new Ev(0, 95, 1));
        Outcome oneStage = idleProducer(false, 0, resume);
        assertThat(oneStage.failure()).isNull();
        assertThat(oneStage.late()).containsExactly(new Ev(0, 95, 1));
        assertThat(idleProducer(true, 0, resume)).isEqualTo(oneStage);
    }

    // ---- 2. restore: the local stage starts at watermark MIN, the window at the restored one -----------------

    /** A list source that does not end when its list does (so that a savepoint can be taken after it). */
    static final class HoldingSource<T> implements Source<T> {
        private final ListSource<T> delegate;

        HoldingSource(List<T> items) {
            this.delegate = ListSource.of(items);
        }

        @Override
        public String name() {
            return "holding";
        }

        @Override
        public boolean isBounded() {
            return false;
        }

        @Override
        public List<SourceSplit> createSplits(int parallelism) {
            return delegate.createSplits(parallelism);
        }

        @Override
        public Codec<SourceSplit> splitCodec() {
            return delegate.splitCodec();
        }

        @Override
        public SourceReader<T> createReader(SourceContext context) {
            SourceReader<T> inner = delegate.createReader(context);
            return new SourceReader<>() {
                @Override
                public void open() throws Exception {
                    inner.open();
                }

                @Override
                public ReadStatus read(SourceOutput<T> out, int maxRecords) throws Exception {
                    ReadStatus s = inner.read(out, maxRecords);
                    return s == ReadStatus.END_OF_INPUT ? ReadStatus.NOTHING_AVAILABLE : s;
                }

                @Override
                public List<SourceSplit> snapshotSplits(long checkpointId) {
                    return inner.snapshotSplits(checkpointId);
                }

                @Override
                public void close() throws Exception {
                    inner.close();
                }
            };
        }
    }

    @TempDir
    Path dir;

    private static Pipeline keyedCounts(Source<Ev> source, CollectingSink<String> results, CollectingSink<Ev> late) {
        Pipeline p = Pipeline.create();
        WindowedStream<Integer, Ev> w = p.source(source, WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ZERO))
                .parallelism(1).uid("events")
                .keyBy(Ev::key).window(Windows.tumbling(Duration.ofMillis(10)));
        w.aggregate(Aggregations.counting()).named("count").uid("count").map(Object::toString).uid("fmt")
                .sink(results).uid("results");
        w.lateEvents().uid("late-events").sink(late).uid("late");
        return p;
    }

    /**
     * Events t = 0..199 (keys 0..2), a savepoint after them (the window's watermark is 199 in it), then a restore
     * that reads one more event at t = 150: late against the restored watermark, as it was in the job that took
     * the savepoint. The window runs at parallelism 2 behind one source instance.
     */
    private Outcome restoreWithALateEvent(boolean twoStages, String name) throws Exception {
        List<Ev> first = IntStream.range(0, 200).mapToObj(t -> new Ev(t % 3, t, 1)).toList();
        List<Ev> all = new ArrayList<>(first);
        all.add(new Ev(1, 150, 1));
        Path checkpoints = dir.resolve(name);
        CollectingSink<String> results = new CollectingSink<>("results");
        CollectingSink<Ev> late = new CollectingSink<>("late");
        JobConfig config = JobConfig.defaults().withJobName("review").withParallelism(2).withWorkers(2)
                .withTwoStageWindows(twoStages);

        JobHandle job = JobRunner.start(keyedCounts(new HoldingSource<>(first), results, late),
                config.withCheckpointing(CheckpointConfig.every(Duration.ofHours(1), checkpoints)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (job.metrics().sourceRecords() < first.size()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(200); // the source's watermark after its last read goes out before the savepoint's barrier
        CheckpointStats savepoint = job.stopWithSavepoint().get(20, TimeUnit.SECONDS);
        job.join(Duration.ofSeconds(10));

        try {
            return Outcome.of(JobRunner.start(keyedCounts(ListSource.of(all), results, late),
                    config.withCheckpointing(CheckpointConfig.every(Duration.ofHours(1), checkpoints)
                            .restoringFrom(savepoint.path()))).join(Duration.ofSeconds(30)), results, late);
        } catch (JobFailedException e) {
            return Outcome.failed(e);
        }
    }

    @Test
    void aLateEventAfterARestoreIsLateWithTwoStagesToo() throws Exception {
        Outcome oneStage = restoreWithALateEvent(false, "one");
        assertThat(oneStage.failure()).isNull();
        assertThat(oneStage.late()).containsExactly(new Ev(1, 150, 1));
        Outcome twoStages = restoreWithALateEvent(true, "two");
        assertThat(twoStages).isEqualTo(oneStage);
    }

    // ---- 3. a record sent alone overtakes the earlier records of its slice -----------------------------------

    /**
     * One source instance (a deterministic arrival order), window at parallelism 2, maxBy with a tie: "ties go to
     * the earlier item". A (t=10, 5) and B (t=50, 1) arrive, then C (t=20, 5), late by the bound but allowed:
     * one stage keeps A. Two stages fold A and B into the open slice and send C alone, so the window sees C
     * first and keeps it.
     */
    private static List<String> maxByWithATie(boolean twoStages) throws Exception {
        List<Ev> events = List.of(new Ev(1, 10, 5), new Ev(1, 50, 1), new Ev(1, 20, 5), new Ev(1, 300, 0));
        CollectingSink<String> results = new CollectingSink<>("results");
        Pipeline p = Pipeline.create();
        WindowDefinition tumbling = Windows.tumbling(Duration.ofMillis(100)).allowedLateness(Duration.ofMillis(100));
        p.source(ListSource.of(events), WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ZERO)).parallelism(1)
                .keyBy(Ev::key).window(tumbling)
                .aggregate(Aggregations.maxBy(Comparator.comparingLong(Ev::value), EV_CODEC))
                .map(Object::toString).sink(results);
        driver(2, twoStages).run(p);
        List<String> sorted = new ArrayList<>(results.items());
        sorted.sort(null);
        return sorted;
    }

    @Test
    void aRecordSentAloneDoesNotOvertakeTheEarlierRecordsOfItsSlice() throws Exception {
        List<String> oneStage = maxByWithATie(false);
        assertThat(oneStage).contains("WindowResult[key=1, windowStart=0, windowEnd=100, value=Ev[key=1, ts=10, value=5]]");
        assertThat(maxByWithATie(true)).isEqualTo(oneStage);
    }
}
