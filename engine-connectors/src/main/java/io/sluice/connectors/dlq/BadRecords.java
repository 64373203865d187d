package io.sluice.connectors.dlq;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source's handling of records it cannot read, per its {@link ErrorPolicy}, and its count of them. One
 * instance per source, shared by its readers: the count is an {@link AtomicLong} touched only for bad
 * records, and the dead-letter queue is shared (see {@link DeadLetterQueue}).
 *
 * <p>Readers call {@link #open} and {@link #close} once each, and {@link #handle} for every bad record.
 */
public final class BadRecords {

    private final String sourceName;
    private final ErrorPolicy policy;
    private final DeadLetterQueue dlq;
    private final AtomicLong count = new AtomicLong();

    private BadRecords(String sourceName, ErrorPolicy policy, DeadLetterQueue dlq) {
        this.sourceName = sourceName;
        this.policy = policy;
        this.dlq = dlq;
    }

    /**
     * The policy of a source URI ({@code onError}, {@code dlq}); the dead-letter sink is resolved now so a bad
     * URI is reported when the job is defined. {@code sourceName} is the URI without its {@code dlq} parameter.
     */
    public static BadRecords of(ConnectorUri uri, String sourceName) {
        ErrorPolicy policy = ErrorPolicy.of(uri);
        DeadLetterQueue dlq = policy == ErrorPolicy.DLQ ? new DeadLetterQueue(sourceName, uri.param(ErrorPolicy.DLQ_URI)) : null;
        return new BadRecords(sourceName, policy, dlq);
    }

    /** The name of a source for plans and messages: its URI without the (long, encoded) {@code dlq} parameter. */
    public static String sourceName(ConnectorUri uri) {
        String raw = uri.raw();
        int q = raw.indexOf('?');
        if (q < 0 || uri.param(ErrorPolicy.DLQ_URI) == null) {
            return raw;
        }
        StringBuilder kept = new StringBuilder(raw.substring(0, q));
        char sep = '?';
        for (String pair : raw.substring(q + 1).split("&")) {
            if (!pair.isEmpty() && !pair.startsWith(ErrorPolicy.DLQ_URI + "=")) {
                kept.append(sep).append(pair);
                sep = '&';
            }
        }
        return kept.toString();
    }

    public ErrorPolicy policy() {
        return policy;
    }

    /** Records handled so far (skipped, dead-lettered, or the one that failed the job). */
    public long count() {
        return count.get();
    }

    /** Called by each reader when it opens. */
    public void open(String jobName) throws Exception {
        if (dlq != null) {
            dlq.acquire(jobName);
        }
    }

    /** Called by each reader when it closes. */
    public void close() throws Exception {
        if (dlq != null) {
            dlq.release();
        }
    }

    /**
     * Handles one bad record: fails ({@link BadInputException} {@code <source> at <position>: <error>}), or counts
     * it and drops it or writes it to the dead-letter queue.
     *
     * @param position where it is, e.g. {@code events-2@17}
     * @param bytes    the record's bytes as read; {@code null} for none
     * @param key      its key, or {@code null}
     * @param schema   its schema stamp as text, or {@code null}
     * @param error    why it cannot be read, one line
     */
    public void handle(String position, byte[] bytes, int offset, int length, byte[] key, String schema, String error,
                       Throwable cause) throws Exception {
        count.incrementAndGet();
        switch (policy) {
            case FAIL:
                throw new BadInputException(sourceName + " at " + position + ": " + error, cause);
            case SKIP:
                return;
            default:
                Base64.Encoder b64 = Base64.getEncoder();
                String value = bytes == null ? null
                        : b64.encodeToString(offset == 0 && length == bytes.length ? bytes
                        : java.util.Arrays.copyOfRange(bytes, offset, offset + length));
                dlq.write(new DeadLetter(System.currentTimeMillis(), sourceName, position, error, schema,
                        key == null ? null : b64.encodeToString(key), value));
        }
    }

    /** A one-line reason for an exception. */
    public static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
    }
}
