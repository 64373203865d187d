package io.sluice.runtime.exec;

/**
 * How a job ended.
 *
 * @param jobName   the job
 * @param cancelled true when it was cancelled rather than running to the end of its input
 * @param metrics   final counters
 */
public record JobResult(String jobName, boolean cancelled, JobMetrics metrics) {
}
