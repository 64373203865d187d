package io.sluice.runtime.exec;

import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.api.transform.Transform;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.checkpoint.RestoredCheckpoint;
import io.sluice.runtime.op.OperatorException;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link PhysicalPlan} in this process: builds the queues and tasklets ({@link TaskletBuilder}),
 * spreads the tasklets over the worker threads and reports how the job ended. The workers share only the
 * stop flag and the first failure; the data path between them is the SPSC queues.
 */
public final class JobExecution implements JobHandle {

    private final PhysicalPlan plan;
    private final JobConfig config;
    private final List<VertexRuntime> vertices;
    private final List<List<Tasklet>> taskletsByWorker;
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicInteger runningWorkers;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long expectedSourceRecords;
    private volatile boolean stopRequested;
    private volatile boolean cancelled;
    private volatile long startNanos;
    private volatile long endNanos;
    private final JobCheckpointing checkpointing;
    private final String restoredFrom;
    private final LatencyTracker latency = new LatencyTracker();

    private record Failure(Throwable cause, String tasklet) {
    }

    private JobExecution(PhysicalPlan plan, JobConfig config) throws Exception {
        this.plan = plan;
        this.config = config;
        RestoredCheckpoint restored = JobCheckpointing.loadRestore(plan, config.checkpoint());
        this.restoredFrom = restored == null ? null : restored.path().toString();
        this.vertices = new TaskletBuilder(plan, config, this::createReader, restored).build();
        this.checkpointing = config.checkpoint() == null ? null
                : JobCheckpointing.attach(plan, config.checkpoint(), vertices, restored);
        for (VertexRuntime v : vertices) {
            for (Tasklet t : v.tasklets()) {
                if (t instanceof SourceTasklet source) {
                    source.enableLatency(latency);
                } else if (t instanceof ProcessorTasklet processor) {
                    processor.enableLatency(latency);
                }
            }
        }
        int workers = Math.max(1, Math.min(config.workers(), plan.taskletCount()));
        this.taskletsByWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            taskletsByWorker.add(new ArrayList<>());
        }
        // Round-robin over the workers, continuing from vertex to vertex: the instances of one vertex land on
        // different workers, single-instance vertices (a file source, a console sink) do not all pile up
        // on worker 0, and a vertex whose parallelism is a multiple of W leaves the rotation where it was,
        // so the two ends of a forward edge between such vertices share a thread.
        int next = 0;
        for (VertexRuntime v : vertices) {
            int p = v.tasklets().size();
            for (int i = 0; i < p; i++) {
                taskletsByWorker.get((next + i) % workers).add(v.tasklets().get(i));
            }
            next = (next + p) % workers;
        }
        this.runningWorkers = new AtomicInteger(workers);
        long expected = 0;
        for (VertexPlan v : plan.vertices()) {
            if (v.isSource()) {
                long e = ((Source<?>) v.first().function()).estimatedRecords();
                expected = expected < 0 || e < 0 ? -1 : expected + e;
            }
        }
        this.expectedSourceRecords = expected;
    }

    /**
     * Creates the tasklets of {@code plan} and starts its workers. Problems found before anything runs (a
     * source that cannot split its input) are thrown here.
     */
    public static JobExecution start(PhysicalPlan plan, JobConfig config) throws Exception {
        JobExecution job = new JobExecution(plan, config);
        job.startWorkers();
        return job;
    }

    private void startWorkers() {
        startNanos = System.nanoTime();
        for (int w = 0; w < taskletsByWorker.size(); w++) {
            Worker worker = new Worker(w, taskletsByWorker.get(w), this, BackoffIdleStrategy.defaults());
            Thread t = new Thread(worker, "sluice-" + plan.jobName() + "-worker-" + w);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        if (checkpointing != null) {
            checkpointing.start(t -> fail(new IllegalStateException("checkpointing failed: " + t.getMessage(), t),
                    "the checkpoint coordinator"));
        }
    }

    private SourceReader<?> createReader(Source<?> source, int instance, int parallelism, List<SourceSplit> splits) throws Exception {
        return source.createReader(SourceContext.of(plan.jobName(), instance, parallelism, splits));
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    void fail(Throwable cause, String tasklet) {
        if (failure.compareAndSet(null, new Failure(cause, tasklet))) {
            stopRequested = true;
        }
    }

    void workerFinished(int index) {
        if (runningWorkers.decrementAndGet() != 0) {
            return;
        }
        endNanos = System.nanoTime();
        if (checkpointing != null) {
            checkpointing.stop();
        }
        try {
            Failure f = failure.get();
            if (f != null) {
                result.completeExceptionally(toJobFailure(f));
            } else {
                result.complete(new JobResult(plan.jobName(), cancelled, metrics()));
            }
        } catch (Throwable t) {
            // join() must never hang, whatever went wrong while reporting
            result.completeExceptionally(new JobFailedException("job '" + plan.jobName() + "' ended, but its result could not be built: " + t, t));
        }
    }

    private JobFailedException toJobFailure(Failure f) {
        Throwable cause = f.cause();
        String where = cause instanceof OperatorException ? "" : (f.tasklet() == null ? "" : " in " + f.tasklet());
        String msg = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new JobFailedException("job '" + plan.jobName() + "' failed" + where + ": " + msg, cause);
    }

    @Override
    public String jobName() {
        return plan.jobName();
    }

    @Override
    public JobResult join() throws JobFailedException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw (JobFailedException) e.getCause();
        }
    }

    @Override
    public JobResult join(Duration timeout) throws JobFailedException, InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw (JobFailedException) e.getCause();
        }
    }

    @Override
    public void cancel() {
        if (!result.isDone()) {
            cancelled = true;
            stopRequested = true;
        }
    }

    @Override
    public CompletableFuture<CheckpointStats> savepoint() {
        if (checkpointing == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the job takes no checkpoints"));
        }
        return checkpointing.savepoint(false);
    }

    @Override
    public CompletableFuture<CheckpointStats> stopWithSavepoint() {
        if (checkpointing == null) {
            cancel();
            return CompletableFuture.failedFuture(new IllegalStateException("the job takes no checkpoints"));
        }
        // Cancel whatever the outcome: a failed savepoint still stops the job (after the checkpoints before it).
        return checkpointing.savepoint(true).whenComplete((stats, failure) -> cancel());
    }

    @Override
    public String restoredFrom() {
        return restoredFrom;
    }

    @Override
    public CheckpointStats lastCheckpoint() {
        return checkpointing == null ? null : checkpointing.lastCompleted();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public JobMetrics metrics() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return MetricsCollector.collect(vertices, expectedSourceRecords, end - startNanos);
    }

    /** End-to-end latency (source read to sink write) as the job's latency markers measured it. */
    public LatencyTracker latency() {
        return latency;
    }

    public PhysicalPlan plan() {
        return plan;
    }

    public JobConfig config() {
        return config;
    }
}
