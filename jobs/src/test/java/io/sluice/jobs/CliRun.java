package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.cli.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One {@code sluice} command run in this JVM through the real command line, with its exit code and what it
 * printed to standard output and standard error.
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code sluice args...}. */
    public static CliRun sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SluiceCli.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code sluice args...} and asserts that it exits 0. */
    public static CliRun ok(String... args) {
        CliRun r = sluice(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
