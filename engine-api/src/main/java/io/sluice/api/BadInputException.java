package io.sluice.api;

/**
 * Thrown for input the user can fix: a bad job parameter, an unknown connector scheme, a missing file, a
 * malformed record. The message is one line that names what is wrong. The CLI exits with code 2 when a job
 * fails for this reason, and with 1 for any other failure.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
