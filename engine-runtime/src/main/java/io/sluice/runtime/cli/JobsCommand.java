package io.sluice.runtime.cli;

import io.sluice.api.StreamJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice jobs}: every runnable job on the class path, name and one-line description, on stdout. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists the runnable jobs: name and one-line description.")
final class JobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JobCatalog catalog = JobCatalog.load();
        PrintWriter out = spec.commandLine().getOut();
        List<StreamJob> jobs = catalog.all();
        int width = 4;
        for (StreamJob job : jobs) {
            width = Math.max(width, job.name().length());
        }
        for (StreamJob job : jobs) {
            String description = job.description() == null ? "" : ErrorReporter.oneLine(job.description());
            out.println(String.format("%-" + width + "s  %s", job.name(), description).stripTrailing());
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : catalog.problems()) {
            err.println("warning: " + problem);
        }
        if (jobs.isEmpty()) {
            err.println("warning: no jobs found (jobs are listed in META-INF/services/io.sluice.api.StreamJob)");
        }
        err.flush();
        return ExitCodes.OK;
    }
}
