package io.sluice.runtime.cli;

import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.PlanPrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sluice plan <job>}: defines the job with its parameters and prints, on stdout, the logical graph
 * (the stages as declared) and the physical DAG (fused chains, parallelism, edge kinds). Nothing runs.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Prints a job's logical graph and physical DAG (fused chains, parallelism, edge kinds).")
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() {
        JobOptions.DefinedJob defined = job.define(JobCatalog.load(), JobConfig.defaults());
        PhysicalPlan plan = JobRunner.plan(defined.pipeline(), defined.config());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Job " + defined.name() + (defined.job().description().isEmpty() ? "" : ": " + defined.job().description()));
        out.println();
        out.print(PlanPrinter.logical(defined.pipeline()));
        out.println();
        out.print(PlanPrinter.physical(plan));
        out.flush();
        return ExitCodes.OK;
    }
}
