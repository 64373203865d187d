package io.sluice.connectors.dlq;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;

/**
 * The dead-letter sink of one source, shared by all of its parallel readers: one writer, opened by the first
 * reader that {@linkplain #acquire acquires} it and closed when the last one releases it (so a {@code file:}
 * dead-letter sink is written by one writer, not truncated by each instance). Every letter is flushed at once:
 * bad records are rare, and a dead letter should survive the job failing right after.
 *
 * <p><b>Thread safety:</b> synchronized; bad records are off the hot path.
 */
public final class DeadLetterQueue {

    private final String uri;
    private final Sink<DeadLetter> sink;
    private SinkWriter<DeadLetter> writer;
    private int users;

    /** Resolves the dead-letter sink now, so a bad URI fails when the job is defined. */
    public DeadLetterQueue(String sourceUri, String dlqUri) {
        this.uri = dlqUri;
        try {
            this.sink = Connectors.sink(dlqUri, Codecs.json(DeadLetter.class));
        } catch (BadInputException e) {
            throw new BadInputException("connector URI '" + sourceUri + "': dead-letter sink: " + e.getMessage(), e);
        }
    }

    /** Opens the writer if this is the first user. */
    public synchronized void acquire(String jobName) throws Exception {
        if (users++ == 0) {
            writer = sink.createWriter(new SinkContext() {
                @Override
                public int instanceIndex() {
                    return 0;
                }

                @Override
                public int parallelism() {
                    return 1;
                }

                @Override
                public String jobName() {
                    return jobName;
                }

                @Override
                public boolean checkpointingEnabled() {
                    return false;
                }
            });
        }
    }

    /** Writes and flushes one letter. */
    public synchronized void write(DeadLetter letter) throws Exception {
        if (writer == null) {
            throw new IllegalStateException("dead-letter queue " + uri + " is not open");
        }
        writer.write(letter);
        writer.flush();
    }

    /** Closes the writer when the last user releases it. */
    public synchronized void release() throws Exception {
        if (users > 0 && --users == 0) {
            SinkWriter<DeadLetter> w = writer;
            writer = null;
            w.close();
        }
    }

    public String uri() {
        return uri;
    }

    @Override
    public String toString() {
        return uri;
    }
}
