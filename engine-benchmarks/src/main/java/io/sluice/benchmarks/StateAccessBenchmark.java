package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.MapState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.LongValueState;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobResult;
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
 * Keyed state access through {@code keyBy(..).process(..)} on the real runtime: parallelism 1 and one
 * worker, so source, keyed process function and sink are one fused chain and what is measured is the key
 * extraction, the key group, and the state lookups. Events are pre-generated in memory: 2^20 records over
 * 10,000 keys (uniformly random, the keys pre-boxed), replayed 8 times. One operation is one event.
 *
 * <ul>
 *   <li>{@code emptyProcess}: the function does nothing: the cost of the stage itself.</li>
 *   <li>{@code longValueCounter}: {@code ctx.state(COUNT).add(1)}, a {@link LongValueState} per key.</li>
 *   <li>{@code mapStateCounter}: a {@link MapState} per key counting 4 sub-keys ({@code value % 4}):
 *   {@code get} then {@code put} of a boxed count.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class StateAccessBenchmark {

    static final int KEYS = 10_000;
    static final int RECORDS = 1 << 20;
    static final int ROUNDS = 8;
    static final int EVENTS = RECORDS * ROUNDS;

    /** A keyed event: the key is a pre-boxed {@code Long}, so extracting it allocates nothing. */
    public record KeyedEvent(Long key, long value) {
    }

    private KeyedEvent[] events;

    @Setup
    public void setup() {
        Long[] keys = new Long[KEYS];
        for (int k = 0; k < KEYS; k++) {
            keys[k] = (long) k * 7919; // spread over the long range, not 0..9999
        }
        SplittableRandom random = new SplittableRandom(42);
        events = new KeyedEvent[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            events[i] = new KeyedEvent(keys[random.nextInt(KEYS)], random.nextLong(1_000_000));
        }
    }

    /** Events/s through a keyed process function that does nothing: the keyed stage's own cost. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult emptyProcess() throws Exception {
        return run(new Empty());
    }

    /** Events/s adding 1 to a {@link LongValueState} per key. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult longValueCounter() throws Exception {
        return run(new CountPerKey());
    }

    /** Events/s counting 4 sub-keys per key in a {@link MapState}. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult mapStateCounter() throws Exception {
        return run(new CountPerSubKey());
    }

    private JobResult run(KeyedProcessFunction<Long, KeyedEvent, Object> fn) throws Exception {
        Pipeline p = Pipeline.create();
        p.<KeyedEvent>source(new ArraySource(events, ROUNDS).typed())
                .keyBy(KeyedEvent::key)
                .process(fn)
                .sink(new DiscardSink());
        JobConfig config = JobConfig.defaults().withJobName("bench").withParallelism(1).withWorkers(1);
        JobResult result = JobRunner.run(p, config);
        if (result.metrics().sourceRecords() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + result.metrics().sourceRecords());
        }
        return result;
    }

    /** Does nothing: the stage's own cost. */
    static final class Empty implements KeyedProcessFunction<Long, KeyedEvent, Object> {
        @Override
        public void processElement(KeyedEvent item, ProcessContext<Long> ctx, Emitter<Object> out) {
        }
    }

    /** One unboxed counter per key. */
    static final class CountPerKey implements KeyedProcessFunction<Long, KeyedEvent, Object> {
        static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");

        @Override
        public void open(StateDeclarations state) {
            state.declare(COUNT);
        }

        @Override
        public void processElement(KeyedEvent item, ProcessContext<Long> ctx, Emitter<Object> out) {
            ctx.state(COUNT).add(1);
        }
    }

    /** A map per key from sub-key ({@code value % 4}) to count. */
    static final class CountPerSubKey implements KeyedProcessFunction<Long, KeyedEvent, Object> {
        static final StateDescriptor<MapState<Integer, Long>> COUNTS =
                StateDescriptor.map("counts", Codecs.ints(), Codecs.longs());

        @Override
        public void open(StateDeclarations state) {
            state.declare(COUNTS);
        }

        @Override
        public void processElement(KeyedEvent item, ProcessContext<Long> ctx, Emitter<Object> out) {
            MapState<Integer, Long> counts = ctx.state(COUNTS);
            Integer sub = (int) (item.value() & 3);
            Long n = counts.get(sub);
            counts.put(sub, n == null ? 1L : n + 1);
        }
    }
}
