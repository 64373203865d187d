package io.sluice.runtime.server;

/** A request the server refuses with its HTTP status and a one-line message, having changed nothing. */
final class BadRequestException extends RuntimeException {

    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    BadRequestException(String message) {
        this(400, message);
    }

    int status() {
        return status;
    }
}
