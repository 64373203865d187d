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
import java.io.PrintWriter;
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

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Not yet supported.")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DUR", description = "Not yet supported.")
    String checkpointInterval;

    @Option(names = "--restore", paramLabel = "latest|PATH", description = "Not yet supported.")
    String restore;

    @Override
    public Integer call() throws Exception {
        long startNanos = System.nanoTime();
        rejectUnsupported();
        JobConfig base = JobConfig.defaults();
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
        JobResult result;
        try (CancelOnShutdown onCtrlC = new CancelOnShutdown(handle, CANCEL_GRACE)) {
            try (ProgressReporter ignored = showProgress
                    ? new ProgressReporter(handle::metrics, err, PROGRESS_INTERVAL).start() : null) {
                result = handle.join();
            }
            err.print(RunSummary.format(defined.name(), result.cancelled(), result.metrics(),
                    System.nanoTime() - startNanos));
            err.flush();
        }
        return ExitCodes.OK;
    }

    private void rejectUnsupported() {
        String option = checkpointDir != null ? "--checkpoint-dir"
                : checkpointInterval != null ? "--checkpoint-interval"
                : restore != null ? "--restore" : null;
        if (option != null) {
            throw new UsageException(option + " is not yet supported: checkpointing comes in a later release");
        }
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
