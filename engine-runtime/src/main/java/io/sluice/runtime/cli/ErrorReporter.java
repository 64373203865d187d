package io.sluice.runtime.cli;

import io.sluice.api.BadInputException;
import io.sluice.runtime.exec.JobFailedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every way a command can fail into one line {@code error: ...} on stderr and an exit code:
 * <ul>
 *   <li>picocli's usage errors and {@link UsageException}: {@link ExitCodes#BAD_INPUT};</li>
 *   <li>a {@link BadInputException} anywhere in the cause chain, also of a {@link JobFailedException} (a
 *       missing file, a malformed line): {@link ExitCodes#BAD_INPUT};</li>
 *   <li>any other {@link JobFailedException}, whose message already names the operator:
 *       {@link ExitCodes#JOB_FAILED};</li>
 *   <li>anything else (a bug in a job's definition or in the engine): {@link ExitCodes#JOB_FAILED}.</li>
 * </ul>
 * Setting the environment variable {@code SLUICE_DEBUG=1} adds the stack trace after the line.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final boolean stackTraces;

    ErrorReporter(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    /** Stack traces only when {@code SLUICE_DEBUG} is set to something other than {@code 0} or empty. */
    static ErrorReporter fromEnvironment() {
        String debug = System.getenv("SLUICE_DEBUG");
        return new ErrorReporter(debug != null && !debug.isEmpty() && !debug.equals("0"));
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        String line = "error: " + oneLine(ex.getMessage()) + " (see '" + help + "')";
        cmd.getErr().println(line);
        cmd.getErr().flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    /** Prints the error line for {@code t} and returns the exit code it means. */
    int report(Throwable t, PrintWriter err) {
        err.println("error: " + describe(t));
        if (stackTraces) {
            t.printStackTrace(err);
        }
        err.flush();
        return exitCode(t);
    }

    public static int exitCode(Throwable t) {
        if (t instanceof UsageException || find(t, BadInputException.class) != null) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.JOB_FAILED;
    }

    /** The text after {@code error: }, one line. */
    public static String describe(Throwable t) {
        BadInputException bad = find(t, BadInputException.class);
        if (t instanceof JobFailedException) {
            if (bad == null) {
                return oneLine(t.getMessage());
            }
            // "job 'q2' failed: /data/in.jsonl:3: invalid JSON ..." rather than the runtime's "... failed: operator
            // ... failed: BadInputException: ...": bad input names what is wrong itself, and where.
            String prefix = t.getMessage() == null ? "job failed" : t.getMessage();
            int colon = prefix.indexOf(": ");
            prefix = colon < 0 ? prefix : prefix.substring(0, colon);
            return oneLine(prefix + ": " + bad.getMessage());
        }
        if (bad != null) {
            return oneLine(bad.getMessage());
        }
        if (t instanceof UsageException || t instanceof ServerClient.ServerException) {
            return oneLine(t.getMessage());
        }
        String msg = t.getMessage();
        return oneLine(t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
    }

    static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public static String oneLine(String s) {
        return s == null ? "(no message)" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
