package io.sluice.runtime;

import io.sluice.api.Pipeline;
import io.sluice.runtime.exec.JobExecution;
import io.sluice.runtime.exec.JobFailedException;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.Planner;

/**
 * The entry point for running pipelines in this process: plan, then execute on worker threads.
 *
 * <pre>{@code
 * JobHandle job = JobRunner.start(pipeline, JobConfig.defaults().withJobName("q1"));
 * JobResult result = job.join();
 * }</pre>
 */
public final class JobRunner {

    private JobRunner() {
    }

    /** The physical plan the runtime would run. */
    public static PhysicalPlan plan(Pipeline pipeline, JobConfig config) {
        return Planner.plan(pipeline, config);
    }

    /** Plans and starts the job; returns at once. */
    public static JobHandle start(Pipeline pipeline, JobConfig config) throws Exception {
        return JobExecution.start(plan(pipeline, config), config);
    }

    /** Plans, runs and waits for the job to end. */
    public static JobResult run(Pipeline pipeline, JobConfig config) throws Exception, JobFailedException {
        return start(pipeline, config).join();
    }
}
