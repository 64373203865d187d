package io.sluice.connectors.discard;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sink that discards every record and counts them. Any parallelism; each writer counts in a plain field
 * and adds its count to the sink's total when flushed or closed, so writing costs nothing per record.
 *
 * <p><b>Thread safety:</b> {@link #count()} may be called from any thread at any time.
 *
 * @param <T> the record type
 */
public final class NullSink<T> implements Sink<T> {

    private final LongAdder total = new LongAdder();

    /** Normally created by {@code Connectors.sink("null:", codec)}. */
    public NullSink() {
    }

    @Override
    public String name() {
        return "null:";
    }

    /**
     * Records written by all writers of this sink up to their latest {@code flush()} or {@code close()} (the
     * runtime flushes after every batch and at the end of input).
     */
    public long count() {
        return total.sum();
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private long pending;

            @Override
            public void write(T record) {
                pending++;
            }

            @Override
            public void flush() {
                total.add(pending);
                pending = 0;
            }

            @Override
            public void close() {
                flush();
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
