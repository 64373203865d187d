package io.sluice.connectors.dlq;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;
import java.util.Locale;

/**
 * What a source does with a record it cannot read (its codec fails, or its schema stamp is not one the reader
 * accepts): URI parameter {@code onError=fail|skip|dlq}, default {@code fail}.
 */
public enum ErrorPolicy {
    /** Fail the job with a {@link BadInputException} naming the record's position. The default. */
    FAIL,
    /** Count the record and drop it. */
    SKIP,
    /**
     * Count the record and write it to the dead-letter sink ({@code dlq=URI} on the source URI, or the job
     * parameter {@code -p dlq=URI}) as a {@link DeadLetter}, then go on.
     */
    DLQ;

    /** URI parameter names. */
    public static final String ON_ERROR = "onError";
    public static final String DLQ_URI = "dlq";

    /** The policy a URI asks for; {@code dlq} without a dead-letter URI is refused. */
    public static ErrorPolicy of(ConnectorUri uri) {
        String text = uri.param(ON_ERROR, "fail");
        ErrorPolicy policy;
        try {
            policy = valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("connector URI '" + uri + "': '" + ON_ERROR + "' must be fail, skip or dlq, got '"
                    + text + "'");
        }
        if (policy == DLQ && (uri.param(DLQ_URI) == null || uri.param(DLQ_URI).isBlank())) {
            throw new BadInputException("connector URI '" + uri + "': onError=dlq needs a dead-letter sink: add -p dlq=URI"
                    + " (or dlq=<URI, %-encoded> to the source URI)");
        }
        if (policy != DLQ && uri.param(DLQ_URI) != null) {
            throw new BadInputException("connector URI '" + uri + "': 'dlq' is only used with onError=dlq");
        }
        return policy;
    }
}
