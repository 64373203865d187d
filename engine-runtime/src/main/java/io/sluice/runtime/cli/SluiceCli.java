package io.sluice.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sluice} command line (design.md §4): {@code jobs}, {@code plan} and {@code run}; {@code server}
 * and its clients {@code submit}, {@code list}, {@code status}, {@code cancel}, {@code savepoint},
 * {@code metrics} and {@code dashboard}; with
 * {@code --help} on every command and {@code --version}. The main class of the distribution jar that
 * {@code bin/sluice} runs.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 done, 1 job failed, 2 bad usage or bad input; every error is one line
 * {@code error: ...} on stderr. Results go to stdout (only {@code jobs} and {@code plan} write there, and a
 * job's {@code console:} sink); progress and the run summary go to stderr.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sluice: a stream processing engine. Lists, plans and runs jobs; runs a job server and talks to it.",
        subcommands = {JobsCommand.class, PlanCommand.class, RunCommand.class, ServerCommand.class, SubmitCommand.class,
                ListCommand.class, StatusCommand.class, CancelCommand.class, SavepointCommand.class, MetricsCommand.class,
                DashboardCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done (also when stopped with Ctrl-C), 1 job failed, 2 bad usage or bad input.",
                "Set SLUICE_DEBUG=1 to print stack traces with errors."})
public final class SluiceCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: error handling and exit codes as described above. */
    public static CommandLine commandLine() {
        ErrorReporter errors = ErrorReporter.fromEnvironment();
        CommandLine cmd = new CommandLine(new SluiceCli());
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /** {@code sluice} alone: the usage on stderr, and the bad-usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("error: missing command (jobs, plan, run, server, submit, list, ...)");
        spec.commandLine().getErr().flush();
        return ExitCodes.BAD_INPUT;
    }
}
