package io.sluice.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process with captured stdout and stderr. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {
        /** The stderr lines that start with {@code error:}. */
        long errorLines() {
            return err.lines().filter(l -> l.startsWith("error:")).count();
        }
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SluiceCli.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
