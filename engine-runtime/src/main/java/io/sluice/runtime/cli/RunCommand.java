package io.sluice.runtime.cli;

import io.sluice.api.connector.Sink;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobExecution;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.api.connector.Durations;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice run <job>}: runs a job in this process until its input ends or Ctrl-C. Stdout belongs to
 * the job (a {@code console:} sink writes there); the progress line and the final summary go to stderr.
 * Exit code 0 when the input ended, 1 when the job failed, 2 for bad usage or bad input; a run stopped with Ctrl-C also ends with 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a job in this process until its input ends or Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads (default: the number of available cores).")
    Integer workers;

    @Option(names = "--progress", negatable = true,
            description = "Show a live progress line on stderr (default: when stderr is a terminal and a "
                    + "console: sink is not writing to the same terminal).")
    Boolean progress;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Take checkpoints into DIR (chk-<id>/ subdirectories); turns exactly-once sinks on.")
    Path checkpointDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DUR",
            description = "Time between checkpoints, e.g. 500ms, 10s, 5m (default: 10s).")
    String checkpointInterval;

    @Option(names = "--checkpoints-retained", paramLabel = "N", defaultValue = "3",
            description = "Complete checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int retained;

    @Option(names = "--restore", paramLabel = "latest|PATH",
            description = "Start from the newest complete checkpoint in --checkpoint-dir, or from a checkpoint directory.")
    String restore;

    @Option(names = "--allow-non-restored-state",
            description = "Restore even if the checkpoint holds state of operators (uids) the job no longer has.")
    boolean allowNonRestoredState;

    @Override
    public Integer call() throws Exception {
        long startNanos = System.nanoTime();
        JobConfig base = JobConfig.defaults().withCheckpointing(checkpointConfig());
        if (workers != null) {
            if (workers < 1) {
                throw new UsageException("--workers must be at least 1, got " + workers);
            }
            base = base.withWorkers(workers);
        }
        JobOptions.DefinedJob defined = job.define(JobCatalog.load(), base);
        PhysicalPlan plan = JobRunner.plan(defined.pipeline(), defined.config());
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = progress != null ? progress
                : Terminal.stderrIsTerminal() && !(writesToConsole(plan) && Terminal.stdoutIsTerminal());

        JobHandle handle = JobExecution.start(plan, defined.config());
        if (handle.restoredFrom() != null) {
            err.println("sluice: restored from " + handle.restoredFrom());
            err.flush();
        } else if (restore != null) {
            err.println("sluice: no complete checkpoint in " + checkpointDir + ": starting from the beginning");
            err.flush();
        }
        JobResult result;
        try (StopOnSignal onSignal = new StopOnSignal(handle, checkpointDir != null, SAVEPOINT_TIMEOUT, err);
             CancelOnShutdown onShutdown = new CancelOnShutdown(handle, CANCEL_GRACE)) {
            try (ProgressReporter ignored = showProgress
                    ? new ProgressReporter(handle::metrics, err, PROGRESS_INTERVAL).start() : null) {
                result = handle.join();
            }
            err.print(RunSummary.format(defined.name(), result.cancelled(), result.metrics(),
                    System.nanoTime() - startNanos));
            err.print(RunSummary.checkpoints(handle.lastCheckpoint(), onSignal.savepoint()));
            err.flush();
        }
        return ExitCodes.OK;
    }

    /** The checkpoint settings from the options, or {@code null} without --checkpoint-dir. */
    private CheckpointConfig checkpointConfig() {
        if (checkpointDir == null) {
            if (restore != null) {
                throw new UsageException("--restore needs --checkpoint-dir (where new checkpoints go)");
            }
            if (checkpointInterval != null) {
                throw new UsageException("--checkpoint-interval needs --checkpoint-dir");
            }
            return null;
        }
        Duration interval;
        try {
            interval = Durations.parse(checkpointInterval == null ? "10s" : checkpointInterval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--checkpoint-interval: " + e.getMessage());
        }
        if (interval.isZero()) {
            throw new UsageException("--checkpoint-interval must be positive");
        }
        if (retained < 1) {
            throw new UsageException("--checkpoints-retained must be at least 1, got " + retained);
        }
        return new CheckpointConfig(checkpointDir, interval, retained, restore, allowNonRestoredState);
    }

    /** Whether a sink of the plan writes to stdout, where a progress line would tear its output. */
    static boolean writesToConsole(PhysicalPlan plan) {
        for (VertexPlan v : plan.vertices()) {
            for (Transform t : v.chain()) {
                if (t.kind() == Kind.SINK && t.function() instanceof Sink
                        && ((Sink<?>) t.function()).name().startsWith("console")) {
                    return true;
                }
            }
        }
        return false;
    }
}
