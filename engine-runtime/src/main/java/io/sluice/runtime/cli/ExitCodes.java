package io.sluice.runtime.cli;

/**
 * The exit codes of {@code sluice} (design.md §4): 0 done, 1 job failed, 2 bad usage or bad input. A run
 * stopped with Ctrl-C is done as the user asked: 0 (with checkpointing on, after its final savepoint).
 */
public final class ExitCodes {

    /** The command did what it was asked; a job ran to the end of its input. */
    public static final int OK = 0;
    /** The job failed: user code, a connector or the engine threw. */
    public static final int JOB_FAILED = 1;
    /** Bad usage or bad input: an unknown job or option, a bad {@code -p} value, a missing or malformed file. */
    public static final int BAD_INPUT = 2;
    private ExitCodes() {
    }
}
