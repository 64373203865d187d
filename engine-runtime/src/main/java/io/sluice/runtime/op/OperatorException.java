package io.sluice.runtime.op;

/** A user function, source or sink of an operator failed; the message names the operator. */
public final class OperatorException extends RuntimeException {

    private final String operator;

    public OperatorException(String operator, Throwable cause) {
        super("operator " + operator + " failed: " + describe(cause), cause);
        this.operator = operator;
    }

    /** The failed operator, as {@code 'name' (uid)}. */
    public String operator() {
        return operator;
    }

    private static String describe(Throwable cause) {
        String msg = cause.getMessage();
        return msg == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + msg;
    }
}
