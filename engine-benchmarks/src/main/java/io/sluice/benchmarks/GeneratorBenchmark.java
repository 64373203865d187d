package io.sluice.benchmarks;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.benchmarks.support.NexmarkData;
import io.sluice.connectors.nexmark.NexmarkEvent;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code gen:nexmark} generator alone, on one thread: events/s it can create and hand to a consumer.
 * This is the ceiling of every job that reads {@code gen:nexmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class GeneratorBenchmark {

    static final int EVENTS = 1 << 22;

    private SourceReader<NexmarkEvent> reader;
    private Consumer consumer;

    /** Hands events to the blackhole, as a source tasklet hands them to its chain. */
    static final class Consumer implements SourceOutput<NexmarkEvent> {
        Blackhole hole;
        long count;

        @Override
        public void emit(NexmarkEvent record) {
            count++;
            hole.consume(record);
        }

        @Override
        public void emit(NexmarkEvent record, long timestamp) {
            count++;
            hole.consume(record);
        }

        @Override
        public void emitWatermark(long watermark) {
            hole.consume(watermark);
        }

        @Override
        public void markIdle() {
        }
    }

    @Setup
    public void setup() throws Exception {
        reader = NexmarkData.reader("gen:nexmark?seed=7");
        reader.open();
        consumer = new Consumer();
    }

    /** Events/s the {@code gen:nexmark} reader makes on one thread, each handed to a Blackhole. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long generator(Blackhole hole) throws Exception {
        consumer.hole = hole;
        long target = consumer.count + EVENTS;
        while (consumer.count < target) {
            if (reader.read(consumer, (int) Math.min(1024, target - consumer.count)) == ReadStatus.END_OF_INPUT) {
                throw new IllegalStateException("unbounded generator ended");
            }
        }
        return consumer.count;
    }
}
