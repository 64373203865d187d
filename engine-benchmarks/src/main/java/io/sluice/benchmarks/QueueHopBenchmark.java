package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.benchmarks.BidRecords.EuroBid;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.benchmarks.support.NexmarkData;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.runtime.exec.JobResult;
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
 * The cost of one queue hop per record: the same two maps once fused ({@code fused}) and once split by
 * {@code rebalance()} into two tasklets joined by an SPSC queue ({@code hop}), both on one worker thread at
 * parallelism 1. The difference of the two (ns per event) is the price of a hop: outbox, queue offer, batch
 * drain, and the tasklet switch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class QueueHopBenchmark {

    private Bid[] bids;

    @Setup
    public void setup() throws Exception {
        bids = NexmarkData.bids(FusedChainBenchmark.BIDS, 42);
    }

    /** ns/event of map → map fused into one chain: the baseline of {@link #hop}. */
    @Benchmark
    @OperationsPerInvocation(FusedChainBenchmark.EVENTS)
    public JobResult fused() throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(bids, FusedChainBenchmark.ROUNDS).typed())
                .map(b -> new EuroBid(b.auction(), b.bidder(), b.price() * 908 / 1000, b.dateTime()))
                .map(EuroBid::price)
                .sink(new DiscardSink());
        return FusedChainBenchmark.run(p, 1);
    }

    /** ns/event of the same maps split by {@code rebalance()} into two tasklets and one SPSC queue. */
    @Benchmark
    @OperationsPerInvocation(FusedChainBenchmark.EVENTS)
    public JobResult hop() throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(bids, FusedChainBenchmark.ROUNDS).typed())
                .map(b -> new EuroBid(b.auction(), b.bidder(), b.price() * 908 / 1000, b.dateTime()))
                .rebalance()
                .map(EuroBid::price)
                .sink(new DiscardSink());
        return FusedChainBenchmark.run(p, 1);
    }
}
