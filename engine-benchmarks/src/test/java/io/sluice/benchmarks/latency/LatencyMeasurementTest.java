package io.sluice.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Short open-loop runs through the real runtime: what is recorded, and how much of it. */
class LatencyMeasurementTest {

    private static final long RATE = 20_000;
    private static final long SECONDS = 1;

    private static LatencySink run(String job, long warmupNanos) throws Exception {
        Schedule schedule = new Schedule(RATE);
        long events = RATE * SECONDS;
        LatencySink sink = new LatencySink(schedule, warmupNanos, SECONDS * 1_000_000_000L);
        Pipeline p = Pipeline.create();
        LatencyJobs.define(job, p, new OpenLoopSource(schedule, events, 100, 42), sink, Duration.ofMillis(100));
        JobResult result = JobRunner.run(p, JobConfig.defaults().withParallelism(1).withWorkers(1));
        assertThat(result.metrics().sourceRecords()).isEqualTo(events);
        // the open-loop source keeps to its schedule: one second of events takes about one second
        assertThat(result.metrics().elapsedNanos()).isBetween(900_000_000L, 5_000_000_000L);
        return sink;
    }

    @Test
    void passThroughRecordsEveryEventDueAfterTheWarmUp() throws Exception {
        LatencySink sink = run("passthrough", 500_000_000L);
        assertThat(sink.histogram().getTotalCount()).isEqualTo(RATE / 2);
        assertThat(sink.results()).isEqualTo(RATE / 2);
        assertThat(sink.histogram().getMinValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void keyedPassThroughRecordsEveryEvent() throws Exception {
        LatencySink sink = run("keyed", 0);
        assertThat(sink.histogram().getTotalCount()).isEqualTo(RATE);
    }

    @Test
    void windowResultsCountEachEventOfTheWindowsTheyCloseOnce() throws Exception {
        // 100 ms windows over one second: the nine closed by a later event are recorded, the last one (closed
        // only by the end of input) is not; each result weighs as many events as it counts
        LatencySink sink = run("window", 0);
        assertThat(sink.histogram().getTotalCount()).isEqualTo(RATE * 9 / 10);
        assertThat(sink.results()).isLessThanOrEqualTo(9 * 100);
    }
}
