package io.sluice.runtime.cli;

/**
 * A mistake on the command line that picocli cannot see by itself (an unknown job, a parameter the job does
 * not read, an option that is not supported yet). Reported as one line and exit code
 * {@link ExitCodes#BAD_INPUT}.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
