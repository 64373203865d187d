package io.sluice.runtime;

import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.time.Clock;

/**
 * How a job runs: its name, default parallelism, number of worker threads and the sizes that trade latency
 * for throughput. Immutable; {@code with...} methods return a changed copy.
 */
public final class JobConfig {

    private final String jobName;
    private final int parallelism;
    private final int workers;
    private final int queueCapacity;
    private final int batchSize;
    private final int maxKeyGroups;
    private final Clock clock;
    private final CheckpointConfig checkpoint;
    private final boolean twoStageWindows;

    private JobConfig(String jobName, int parallelism, int workers, int queueCapacity, int batchSize, int maxKeyGroups,
                      Clock clock, CheckpointConfig checkpoint, boolean twoStageWindows) {
        this.jobName = jobName;
        this.parallelism = parallelism;
        this.workers = workers;
        this.queueCapacity = queueCapacity;
        this.batchSize = batchSize;
        this.maxKeyGroups = maxKeyGroups;
        this.clock = clock;
        this.checkpoint = checkpoint;
        this.twoStageWindows = twoStageWindows;
    }

    /**
     * Parallelism and workers equal to the available cores, queues of 1024 items, batches of 512, 128 key
     * groups.
     */
    public static JobConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new JobConfig("job", cores, cores, 1024, 512, KeyGroups.DEFAULT_MAX_KEY_GROUPS, Clock.SYSTEM, null,
                true);
    }

    public JobConfig withJobName(String name) {
        return new JobConfig(name, parallelism, workers, queueCapacity, batchSize, maxKeyGroups, clock, checkpoint,
                twoStageWindows);
    }

    /** The parallelism of stages that do not set their own. */
    public JobConfig withParallelism(int p) {
        require(p >= 1, "parallelism must be >= 1");
        return new JobConfig(jobName, p, workers, queueCapacity, batchSize, maxKeyGroups, clock, checkpoint,
                twoStageWindows);
    }

    /** Worker threads; tasklets are spread over them. */
    public JobConfig withWorkers(int n) {
        require(n >= 1, "workers must be >= 1");
        return new JobConfig(jobName, parallelism, n, queueCapacity, batchSize, maxKeyGroups, clock, checkpoint,
                twoStageWindows);
    }

    /** Capacity of every queue between tasklets (rounded up to a power of two by the queue). */
    public JobConfig withQueueCapacity(int n) {
        require(n >= 1, "queue capacity must be >= 1");
        return new JobConfig(jobName, parallelism, workers, n, batchSize, maxKeyGroups, clock, checkpoint,
                twoStageWindows);
    }

    /** The most items a tasklet takes from its inputs (or asks of its source) in one {@code doWork}. */
    public JobConfig withBatchSize(int n) {
        require(n >= 1, "batch size must be >= 1");
        return new JobConfig(jobName, parallelism, workers, queueCapacity, n, maxKeyGroups, clock, checkpoint,
                twoStageWindows);
    }

    /** Key groups of keyed state: the largest parallelism a keyed stage can ever be rescaled to. */
    public JobConfig withMaxKeyGroups(int n) {
        require(n >= 1, "max key groups must be >= 1");
        return new JobConfig(jobName, parallelism, workers, queueCapacity, batchSize, n, clock, checkpoint,
                twoStageWindows);
    }

    /** Processing time for timers, idle timeouts and metrics (a manual clock in tests). */
    public JobConfig withClock(Clock newClock) {
        return new JobConfig(jobName, parallelism, workers, queueCapacity, batchSize, maxKeyGroups,
                java.util.Objects.requireNonNull(newClock, "clock"), checkpoint, twoStageWindows);
    }

    public Clock clock() {
        return clock;
    }

    /** Takes checkpoints (and restores from one) as {@code config} says; {@code null} turns them off. */
    public JobConfig withCheckpointing(CheckpointConfig config) {
        return new JobConfig(jobName, parallelism, workers, queueCapacity, batchSize, maxKeyGroups, clock, config,
                twoStageWindows);
    }

    /**
     * Whether a tumbling or sliding window fed through a queue is aggregated in two stages (the default): each
     * producing instance folds its records into per-key slice accumulators and sends those partials on, and the
     * window combines them. The results are the same either way; one stage sends every record across.
     */
    public JobConfig withTwoStageWindows(boolean enabled) {
        return new JobConfig(jobName, parallelism, workers, queueCapacity, batchSize, maxKeyGroups, clock, checkpoint,
                enabled);
    }

    public boolean twoStageWindows() {
        return twoStageWindows;
    }

    /** The checkpoint settings, or {@code null} when the job takes no checkpoints. */
    public CheckpointConfig checkpoint() {
        return checkpoint;
    }

    public String jobName() {
        return jobName;
    }

    public int parallelism() {
        return parallelism;
    }

    public int workers() {
        return workers;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxKeyGroups() {
        return maxKeyGroups;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "JobConfig{job=" + jobName + ", parallelism=" + parallelism + ", workers=" + workers
                + ", queueCapacity=" + queueCapacity + ", batchSize=" + batchSize + ", maxKeyGroups=" + maxKeyGroups
                + (checkpoint == null ? "" : ", checkpoint=" + checkpoint) + "}";
    }
}
