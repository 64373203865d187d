package io.sluice.runtime.server;

import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.cli.ErrorReporter;
import io.sluice.runtime.exec.JobExecution;
import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.op.OperatorException;
import io.sluice.runtime.plan.PhysicalPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job of the server and the thread that supervises it: runs it (from its newest checkpoint when it ran
 * before), restarts it after a failure as the {@link RestartStrategy} says, and keeps its {@link JobRecord}
 * on disk up to date with every change of state. Thread-safe: REST handlers query and control it while the
 * supervisor runs.
 */
final class ManagedJob {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedJob.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final JobStore store;
    private final JobLoader loader;
    private final ServerConfig config;
    private final LatencyWindow latency = new LatencyWindow();
    private final OperatorRates rates = new OperatorRates();
    /** Failures per operator ({@code 'name' (uid)}) over every run of the job. */
    private final Map<String, Long> failuresByOperator = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile JobRecord record;
    private volatile JobExecution execution;
    private volatile PhysicalPlan plan;
    private volatile JobMetrics finalMetrics;
    private volatile String restoredFrom;
    private volatile CheckpointStats lastCheckpoint;
    private volatile boolean cancelRequested;
    private volatile boolean stopRequested;
    /** Whether the latest run completed a checkpoint of its own (supervisor thread only). */
    private boolean lastRunCheckpointed;
    private volatile boolean shuttingDown;
    private Thread supervisor;

    ManagedJob(JobRecord record, JobStore store, JobLoader loader, ServerConfig config) {
        this.record = record;
        this.store = store;
        this.loader = loader;
        this.config = config;
    }

    JobRecord record() {
        return record;
    }

    String id() {
        return record.id();
    }

    /** The physical plan of its current (or last) run, or {@code null} before the first one started. */
    PhysicalPlan plan() {
        return plan;
    }

    /** Counters of the current run, or of the last one once it ended; {@code null} before the first run. */
    JobMetrics metrics() {
        JobExecution e = execution;
        if (e != null) {
            return e.metrics();
        }
        return finalMetrics;
    }

    LatencyWindow latency() {
        return latency;
    }

    OperatorRates rates() {
        return rates;
    }

    Map<String, Long> failuresByOperator() {
        return Map.copyOf(failuresByOperator);
    }

    /** Where the current run was restored from, or {@code null}. */
    String restoredFrom() {
        return restoredFrom;
    }

    /** The newest completed checkpoint or savepoint of the current (or last) run, or {@code null}. */
    CheckpointStats lastCheckpoint() {
        JobExecution e = execution;
        CheckpointStats now = e == null ? null : e.lastCheckpoint();
        return now != null ? now : lastCheckpoint;
    }

    /**
     * Starts the supervisor. {@code resume}: the job ran before (the server restarted), so the first run
     * restores from the newest complete checkpoint.
     */
    void start(boolean resume) {
        synchronized (lock) {
            supervisor = new Thread(() -> supervise(resume), "sluice-job-" + record.id());
            supervisor.setDaemon(true);
            supervisor.start();
        }
    }

    private void supervise(boolean resume) {
        boolean restore = resume;
        // Failures since the job last made durable progress: a run that completed a checkpoint before failing
        // resets it, so a long healthy job is not failed for good by failures spread over weeks.
        int consecutiveFailures = 0;
        while (true) {
            if (cancelRequested || shuttingDown) {
                if (!shuttingDown) {
                    persist(record.withState(stopRequested ? JobState.STOPPED : JobState.CANCELLED, record.cause()));
                }
                return;
            }
            try {
                JobResult result = runOnce(restore);
                if (shuttingDown) {
                    return; // stays RUNNING on disk: the next server start resumes it
                }
                JobState end = stopRequested ? JobState.STOPPED : result.cancelled() ? JobState.CANCELLED : JobState.FINISHED;
                persist(record.withState(end, null));
                LOG.info("job {} ({}) {}", record.id(), record.job(), end);
                return;
            } catch (Throwable t) {
                if (shuttingDown) {
                    return;
                }
                if (cancelRequested) {
                    persist(record.withState(stopRequested ? JobState.STOPPED : JobState.CANCELLED, record.cause()));
                    return;
                }
                String cause = ErrorReporter.describe(t);
                OperatorException failed = find(t, OperatorException.class);
                if (failed != null) {
                    // 'name' (uid, instance 1) -> 'name' (uid): counted per operator, not per instance
                    failuresByOperator.merge(failed.operator().replaceAll(", instance \\d+\\)$", ")"), 1L, Long::sum);
                }
                JobRecord failedRecord = record.withFailure(cause);
                consecutiveFailures = lastRunCheckpointed ? 1 : consecutiveFailures + 1;
                if (!config.restart().mayRestart(consecutiveFailures)) {
                    persist(failedRecord.withState(JobState.FAILED, cause));
                    LOG.warn("job {} ({}) FAILED after {} failure(s) in a row: {}", record.id(), record.job(),
                            consecutiveFailures, cause);
                    return;
                }
                Duration delay = config.restart().delayAfter(consecutiveFailures);
                persist(failedRecord.withState(JobState.RESTARTING, cause));
                LOG.warn("job {} ({}) failed ({}), restarting from its newest checkpoint in {} ms", record.id(),
                        record.job(), cause, delay.toMillis());
                waitBeforeRestart(delay);
                restore = true;
            }
        }
    }

    private JobResult runOnce(boolean restore) throws Exception {
        Path checkpoints = store.checkpointDir(record.id());
        CheckpointConfig checkpointing = CheckpointConfig.every(config.checkpointInterval(), checkpoints)
                .restoringFrom(restore && hasCheckpoint(checkpoints) ? "latest" : null);
        JobLoader.Loaded loaded = loader.load(record.job(), record.params(), record.parallelism(), config.workers(),
                store.jarPath(record), checkpointing);
        try (loaded) {
            JobExecution run = loaded.withJobClassLoader(() -> JobExecution.start(loaded.plan(), loaded.config()));
            synchronized (lock) {
                plan = loaded.plan();
                restoredFrom = run.restoredFrom();
                latency.follow(run.latency());
                execution = run;
                if (cancelRequested || shuttingDown) {
                    run.cancel();
                }
            }
            if (record.state() != JobState.RUNNING) {
                persist(record.withState(JobState.RUNNING, record.cause()));
            }
            if (run.restoredFrom() != null) {
                LOG.info("job {} ({}) restored from {}", record.id(), record.job(), run.restoredFrom());
            }
            try {
                return run.join();
            } finally {
                synchronized (lock) {
                    finalMetrics = run.metrics();
                    CheckpointStats last = run.lastCheckpoint();
                    lastRunCheckpointed = last != null;
                    if (last != null) {
                        lastCheckpoint = last;
                    }
                    execution = null;
                }
            }
        }
    }

    private static boolean hasCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> Files.exists(p.resolve("_manifest")));
        }
    }

    private void waitBeforeRestart(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (!cancelRequested && !shuttingDown) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Cancels the job; returns at once. A job already in a final state is a 409. */
    void cancel() {
        synchronized (lock) {
            requireActive("cancel");
            cancelRequested = true;
            if (execution != null) {
                execution.cancel();
            }
            lock.notifyAll();
        }
    }

    /**
     * Takes a savepoint and waits until it is durable; with {@code stop}, then stops the job (state STOPPED)
     * and waits for that too.
     */
    CheckpointStats savepoint(boolean stop, Duration timeout) throws InterruptedException {
        JobExecution run;
        synchronized (lock) {
            requireActive("take a savepoint of");
            run = execution;
            if (run == null || record.state() != JobState.RUNNING) {
                throw new BadRequestException(409, "job " + record.id() + " is " + record.state()
                        + ", not running: no savepoint now (try again when it runs)");
            }
            if (stop) {
                // the job stops with its savepoint (or without, when that fails): it must end STOPPED, not restart
                stopRequested = true;
                cancelRequested = true;
            }
        }
        CheckpointStats stats;
        try {
            stats = (stop ? run.stopWithSavepoint() : run.savepoint()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BadRequestException(409, "the savepoint failed: " + ErrorReporter.describe(e.getCause()));
        } catch (TimeoutException e) {
            if (stop) {
                run.cancel(); // no checkpoint may follow a stopping savepoint: the job cannot go on
            }
            throw new BadRequestException(504, "the savepoint did not complete within " + timeout.toSeconds() + " s");
        }
        synchronized (lock) {
            persist(record.withLastSavepoint(stats.path()));
            if (stop) {
                lock.notifyAll();
            }
        }
        if (stop) {
            awaitFinal(STOP_WAIT);
        }
        return stats;
    }

    private void requireActive(String what) {
        if (record.state().isFinal()) {
            throw new BadRequestException(409, "cannot " + what + " job " + record.id() + ": it is already "
                    + record.state());
        }
    }

    /** Waits until the supervisor has ended (the job reached a final state, or the server stops it). */
    void awaitFinal(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (lock) {
            t = supervisor;
        }
        if (t != null) {
            t.join(timeout.toMillis());
        }
    }

    /** Stops the job for a server shutdown: its record stays as it is, so the next start resumes it. */
    void shutdown(Duration timeout) throws InterruptedException {
        synchronized (lock) {
            shuttingDown = true;
            if (execution != null) {
                execution.cancel();
            }
            lock.notifyAll();
        }
        awaitFinal(timeout);
    }

    private void persist(JobRecord updated) {
        synchronized (lock) {
            try {
                store.save(updated);
            } catch (IOException e) {
                // The job goes on; what is on disk is one state behind until the next change.
                LOG.error("could not save the record of job {}: {}", updated.id(), e.toString());
            }
            // Shown only once it is on disk: a client that sees a state can rely on it surviving a restart.
            record = updated;
        }
    }

    private static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
