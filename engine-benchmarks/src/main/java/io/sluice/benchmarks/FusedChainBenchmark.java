package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.benchmarks.BidRecords.AuctionPrice;
import io.sluice.benchmarks.BidRecords.EuroBid;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.benchmarks.support.NexmarkData;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
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
 * Events/s through whole jobs on the real runtime (planner, tasklets, workers), fed from pre-generated bids
 * in memory so the generator is not what is measured. One benchmark operation is one event.
 *
 * <ul>
 *   <li>{@code fusedChain}: source → map → filter → map → discard, parallelism 1, one worker: one fused loop.</li>
 *   <li>{@code keyedHop}: source → map → keyBy(auction) → rolling count → discard, parallelism 2 on two
 *   workers: every event crosses a hash-partitioned SPSC queue.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class FusedChainBenchmark {

    static final int BIDS = 1 << 20;
    static final int ROUNDS = 8;
    static final int EVENTS = BIDS * ROUNDS;

    private Bid[] bids;

    @Setup
    public void setup() throws Exception {
        bids = NexmarkData.bids(BIDS, 42);
    }

    /** Events/s through source → map → filter → map → discard fused into one chain, parallelism 1. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult fusedChain() throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(bids, ROUNDS).typed())
                .map(b -> new EuroBid(b.auction(), b.bidder(), b.price() * 908 / 1000, b.dateTime()))
                .filter(b -> b.bidder() % 4 != 0)
                .map(b -> new AuctionPrice(b.auction(), b.price()))
                .sink(new DiscardSink());
        return run(p, 1);
    }

    /** Events/s through map → keyBy(auction) → rolling count at parallelism 2: every event crosses a partitioned queue. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JobResult keyedHop() throws Exception {
        Pipeline p = Pipeline.create();
        p.<Bid>source(new ArraySource(bids, ROUNDS).typed())
                .map(b -> new EuroBid(b.auction(), b.bidder(), b.price() * 908 / 1000, b.dateTime()))
                .keyBy(EuroBid::auction)
                .aggregate(io.sluice.api.aggregate.Aggregations.counting())
                .sink(new DiscardSink());
        return run(p, 2);
    }

    static JobResult run(Pipeline p, int parallelism) throws Exception {
        JobConfig config = JobConfig.defaults().withJobName("bench").withParallelism(parallelism).withWorkers(parallelism);
        JobResult result = JobRunner.run(p, config);
        if (result.metrics().sourceRecords() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + result.metrics().sourceRecords());
        }
        return result;
    }
}
