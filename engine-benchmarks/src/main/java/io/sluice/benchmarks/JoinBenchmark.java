package io.sluice.benchmarks;

import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codec;
import io.sluice.api.join.IntervalJoin;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobResult;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two-input joins on the real runtime at parallelism 1 on one worker: two in-memory sources (each a tasklet) feed
 * the join's tasklet through one SPSC queue each; the join, its output function and a discarding sink are one
 * chain. Each side is 2^19 pre-generated events over 10,000 keys (uniformly random, keys pre-boxed) in event-time
 * order, 4 events per millisecond, so a key sees one event per side every 2.5 s on average. One operation is one
 * input event (left or right); both joins emit about one pair per input event.
 *
 * <ul>
 *   <li>{@code intervalJoin}: {@code b.ts} within {@code [a.ts - 1.25 s, a.ts + 1.25 s]}: every event is paired
 *   with the other side's buffered events of its key at once, buffered, and expired by the watermark.</li>
 *   <li>{@code windowJoin}: tumbling 5 s windows: every event is buffered in its key's pane; panes fire their
 *   pairs when the watermark passes the window's end.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class JoinBenchmark {

    static final int KEYS = 10_000;
    static final int PER_SIDE = 1 << 19;
    static final int EVENTS = 2 * PER_SIDE;

    /** A join input: a pre-boxed key, an event time and a payload. */
    public record JoinEvent(Long key, long ts, long value) {
    }

    /** A joined pair, the kind of small record a join function makes. */
    public record Pair(long left, long right) {
    }

    /** Three big-endian longs (only used if a snapshot were taken). */
    static final Codec<JoinEvent> CODEC = new Codec<>() {
        @Override
        public Class<JoinEvent> type() {
            return JoinEvent.class;
        }

        @Override
        public void encode(JoinEvent e, OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeLong(e.key());
            data.writeLong(e.ts());
            data.writeLong(e.value());
            data.flush();
        }

        @Override
        public JoinEvent decode(byte[] bytes, int offset, int length) {
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
            return new JoinEvent(b.getLong(), b.getLong(), b.getLong());
        }
    };

    private JoinEvent[] left;
    private JoinEvent[] right;

    @Setup
    public void setup() {
        Long[] keys = new Long[KEYS];
        for (int k = 0; k < KEYS; k++) {
            keys[k] = (long) k;
        }
        left = events(keys, 1);
        right = events(keys, 2);
    }

    private static JoinEvent[] events(Long[] keys, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        JoinEvent[] events = new JoinEvent[PER_SIDE];
        for (int i = 0; i < PER_SIDE; i++) {
            events[i] = new JoinEvent(keys[random.nextInt(KEYS)], 1_000_000L + i / 4, i);
        }
        return events;
    }

    /** Input events/s of a ±1.25 s interval join over 10,000 keys. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult intervalJoin() throws Exception {
        Pipeline p = Pipeline.create();
        sides(p, (l, r) -> l.join(r).interval(
                        IntervalJoin.within(Duration.ofMillis(1250), Duration.ofMillis(1250), CODEC, CODEC),
                        (a, b) -> new Pair(a.value(), b.value()))
                .sink(new DiscardSink()));
        return run(p);
    }

    /** Input events/s of a tumbling 5 s window join over 10,000 keys. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult windowJoin() throws Exception {
        Pipeline p = Pipeline.create();
        sides(p, (l, r) -> l.join(r).windowed(WindowJoin.of(Windows.tumbling(Duration.ofSeconds(5)), CODEC, CODEC),
                        (start, end, a, b) -> new Pair(a.value(), b.value()))
                .sink(new DiscardSink()));
        return run(p);
    }

    private void sides(Pipeline p, java.util.function.BiConsumer<KeyedStream<Long, JoinEvent>,
            KeyedStream<Long, JoinEvent>> join) {
        KeyedStream<Long, JoinEvent> l = p.<JoinEvent>source(new ArraySource(left, 1).typed(),
                WatermarkPolicy.monotonic(JoinEvent::ts)).keyBy(JoinEvent::key);
        KeyedStream<Long, JoinEvent> r = p.<JoinEvent>source(new ArraySource(right, 1).typed(),
                WatermarkPolicy.monotonic(JoinEvent::ts)).keyBy(JoinEvent::key);
        join.accept(l, r);
    }

    static JobResult run(Pipeline p) throws Exception {
        JobConfig config = JobConfig.defaults().withJobName("bench").withParallelism(1).withWorkers(1);
        JobResult result = JobRunner.run(p, config);
        if (result.metrics().sourceRecords() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + result.metrics().sourceRecords());
        }
        return result;
    }
}
