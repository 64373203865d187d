package io.sluice.runtime.exec;

/**
 * A job failed. The message is one line naming the failed operator and the reason; {@link #getCause()} is
 * the original exception (the user function's, a connector's, or a {@link io.sluice.api.BadInputException}).
 */
public final class JobFailedException extends Exception {

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The innermost cause that is not a wrapper added by the runtime. */
    public Throwable rootCause() {
        Throwable t = getCause();
        while (t != null && (t instanceof io.sluice.runtime.op.OperatorException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
