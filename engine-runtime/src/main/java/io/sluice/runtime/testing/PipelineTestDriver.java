package io.sluice.runtime.testing;

import io.sluice.api.Pipeline;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobFailedException;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.plan.PhysicalPlan;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Runs a whole {@link Pipeline} in this process, on real workers and queues, with a time limit, so a test
 * can feed it {@link ListSource}s and check what its {@link CollectingSink}s received.
 *
 * <pre>{@code
 * CollectingSink<String> out = new CollectingSink<>();
 * Pipeline p = Pipeline.create();
 * p.source(ListSource.of("a", "b")).map(String::toUpperCase).sink(out);
 * PipelineTestDriver.withParallelism(2).run(p);
 * assertThat(out.items()).containsExactlyInAnyOrder("A", "B");
 * }</pre>
 */
public final class PipelineTestDriver {

    private final JobConfig config;
    private final Duration timeout;

    private PipelineTestDriver(JobConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** Parallelism 1 on one worker: deterministic order. */
    public static PipelineTestDriver create() {
        return new PipelineTestDriver(JobConfig.defaults().withJobName("test").withParallelism(1).withWorkers(1),
                Duration.ofSeconds(60));
    }

    /** {@code parallelism} instances per stage on as many workers. */
    public static PipelineTestDriver withParallelism(int parallelism) {
        return new PipelineTestDriver(JobConfig.defaults().withJobName("test").withParallelism(parallelism)
                .withWorkers(parallelism), Duration.ofSeconds(60));
    }

    public PipelineTestDriver config(JobConfig newConfig) {
        return new PipelineTestDriver(newConfig, timeout);
    }

    public PipelineTestDriver timeout(Duration newTimeout) {
        return new PipelineTestDriver(config, newTimeout);
    }

    public JobConfig config() {
        return config;
    }

    /** The plan the pipeline would run with. */
    public PhysicalPlan plan(Pipeline pipeline) {
        return JobRunner.plan(pipeline, config);
    }

    /**
     * Runs the pipeline to its end. A job still running at the time limit is cancelled and reported as a
     * {@link TimeoutException}.
     */
    public JobResult run(Pipeline pipeline) throws JobFailedException, TimeoutException, InterruptedException {
        JobHandle job = start(pipeline);
        try {
            return job.join(timeout);
        } catch (TimeoutException e) {
            job.cancel();
            throw new TimeoutException("pipeline did not finish within " + timeout + "; cancelled");
        }
    }

    /** Starts the pipeline and returns at once (for unbounded sources: cancel it yourself). */
    public JobHandle start(Pipeline pipeline) {
        try {
            return JobRunner.start(pipeline, config);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the pipeline: " + e.getMessage(), e);
        }
    }
}
