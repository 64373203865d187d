package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.window.Windows;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.benchmarks.support.NexmarkData;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.runtime.exec.JobResult;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event-time windows on the real runtime, one worker, parallelism 1 (source, window and sink fuse into one
 * chain), fed {@value #EVENTS} pre-generated bids from memory with event time from {@code Bid::dateTime} and
 * watermark = highest dateTime − 200 ms, as the NEXMark jobs have it. One benchmark operation is one event.
 *
 * <ul>
 *   <li>{@code tumblingCount10kKeys}: {@code keyBy(auction).window(tumbling 10 s).aggregate(counting())} over
 *   bids with uniformly random auctions among 10,000 keys and {@code eventsPerMs} events per millisecond of
 *   event time (1,000: a key sees about 1,000 events per window; 10: about 10, so every tenth event is paid
 *   for again by a window result).</li>
 *   <li>{@code slidingCountQ5}: the first stage of NEXMark q5, {@code keyBy(auction).window(sliding 10 s / 2 s)
 *   .aggregate(counting())}, over the {@code gen:nexmark} bids (hot and recent auctions, 9.2 bids per ms,
 *   10 % out of order by up to 200 ms).</li>
 *   <li>{@code sessionCountQ11}: NEXMark q11's window, {@code keyBy(bidder).window(session 10 s)
 *   .aggregate(counting())}, over the same generated bids.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class WindowBenchmark {

    static final int EVENTS = FusedChainBenchmark.EVENTS;
    static final Duration BOUND = Duration.ofMillis(200);

    /** Bids over 10,000 auctions, in time order. */
    @State(Scope.Benchmark)
    public static class UniformKeys {
        @Param({"1000", "10"})
        public int eventsPerMs;
        /** Distinct auctions; 10,000 is the target's figure (-p keys=100 shows the cost of cache misses). */
        @Param({"10000"})
        public int keys;
        Bid[] bids;

        @Setup(Level.Trial)
        public void setup() {
            SplittableRandom random = new SplittableRandom(42);
            long start = 1_767_225_600_000L;
            bids = new Bid[EVENTS];
            for (int i = 0; i < EVENTS; i++) {
                bids[i] = new Bid(random.nextInt(keys), random.nextInt(100_000), 100, "Google", "u",
                        start + i / eventsPerMs, "");
            }
        }
    }

    /** The first {@value #EVENTS} bids of {@code gen:nexmark?seed=42}. */
    @State(Scope.Benchmark)
    public static class GeneratedBids {
        Bid[] bids;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            bids = NexmarkData.bids(EVENTS, 42);
        }
    }

    /** Events/s of a keyed tumbling 10 s count over uniformly random auctions. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult tumblingCount10kKeys(UniformKeys data) throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(data.bids, 1).typed(), WatermarkPolicy.boundedOutOfOrder(Bid::dateTime, BOUND))
                .keyBy(Bid::auction)
                .window(Windows.tumbling(Duration.ofSeconds(10)))
                .aggregate(Aggregations.counting())
                .sink(new DiscardSink());
        return run(p);
    }

    /** Events/s of q5's sliding 10 s / 2 s count per auction over generated bids. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult slidingCountQ5(GeneratedBids data) throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(data.bids, 1).typed(), WatermarkPolicy.boundedOutOfOrder(Bid::dateTime, BOUND))
                .keyBy(Bid::auction)
                .window(Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .aggregate(Aggregations.counting())
                .sink(new DiscardSink());
        return run(p);
    }

    /** Events/s of q11's 10 s session count per bidder over generated bids. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult sessionCountQ11(GeneratedBids data) throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(data.bids, 1).typed(), WatermarkPolicy.boundedOutOfOrder(Bid::dateTime, BOUND))
                .keyBy(Bid::bidder)
                .window(Windows.session(Duration.ofSeconds(10)))
                .aggregate(Aggregations.counting())
                .sink(new DiscardSink());
        return run(p);
    }

    private static JobResult run(Pipeline p) throws Exception {
        return FusedChainBenchmark.run(p, 1); // one worker; checks that all EVENTS (2^23, as there) were read
    }
}
