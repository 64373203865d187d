package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What a job shows about itself beyond counters: latency markers end to end, watermarks and backpressure per vertex. */
class JobObservabilityTest {

    @Test
    void latencyMarkersCrossQueuesAndAreRecordedWhereTheSinkIs() throws Exception {
        List<Long> input = IntStream.range(0, 20_000).mapToObj(i -> 1_000L + i).toList();
        CollectingSink<Long> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(input), WatermarkPolicy.boundedOutOfOrder((Long x) -> x, Duration.ofMillis(5)))
                .rebalance() // a queue between source and sink: markers travel through it
                .map(x -> x + 1)
                .sink(out);
        JobExecution job = (JobExecution) JobRunner.start(p, JobConfig.defaults().withParallelism(2).withWorkers(2));
        JobResult result = job.join(Duration.ofSeconds(30));

        assertThat(out.items()).hasSize(input.size());
        Histogram latency = job.latency().takeInterval(null);
        assertThat(latency.getTotalCount()).as("markers recorded at the sink").isGreaterThanOrEqualTo(1);
        assertThat(latency.getMaxValue()).as("latency ns").isPositive().isLessThan(Duration.ofSeconds(30).toNanos());
        assertThat(result.metrics().vertices()).hasSize(job.plan().vertices().size());
        VertexMetrics source = result.metrics().vertices().get(0);
        assertThat(source.watermark()).as("the lower of the two source instances' watermarks").isBetween(1_000L, 20_994L);
        assertThat(source.backpressure()).isBetween(0.0, 1.0);
    }
}
