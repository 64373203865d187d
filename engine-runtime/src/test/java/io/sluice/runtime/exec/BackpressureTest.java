package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A fast unbounded source feeding a deliberately slow sink must run at the sink's pace: the only items in
 * flight are those the bounded queues and one batch of overflow can hold, so memory stays bounded.
 */
class BackpressureTest {

    @Test
    void aFastSourceIsHeldToTheSlowSinksPaceWithBoundedItemsInFlight() throws Exception {
        int queueCapacity = 256;
        int batch = 64;
        EndlessSource source = new EndlessSource();
        CountingSink<Integer> sink = CountingSink.slow(50);
        Pipeline p = Pipeline.create();
        // source (2 instances) -> map -> rebalance to 1 slow sink instance: two queue hops' worth of buffers
        p.source(source).map(x -> x + 1).sink(sink);
        JobConfig config = JobConfig.defaults().withJobName("bp").withParallelism(2).withWorkers(2)
                .withQueueCapacity(queueCapacity).withBatchSize(batch);

        JobHandle job = PipelineTestDriver.create().config(config).start(p);
        long maxInFlight = 0;
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            maxInFlight = Math.max(maxInFlight, source.emitted.get() - sink.written.get());
        }
        long heapAfter = usedHeapAfterGc();
        job.cancel();
        job.join(Duration.ofSeconds(5));

        long written = sink.written.get();
        long emitted = source.emitted.get();
        // Bound: per producer instance one queue (capacity rounded up to a power of two) plus one batch
        // in its outbox overflow, plus one batch being read.
        long bound = 2L * (queueCapacity + 2L * batch);
        assertThat(written).as("the slow sink made progress").isGreaterThan(1000);
        assertThat(emitted - written).as("items in flight at the end").isLessThanOrEqualTo(bound);
        assertThat(maxInFlight).as("items in flight at any sample").isLessThanOrEqualTo(bound);
        // the source ran at the sink's pace, not at its own (which is millions per second)
        assertThat(emitted).isLessThan(written + bound + 1);
        assertThat(heapAfter - heapBefore).as("heap growth while running").isLessThan(32L << 20);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
