package io.sluice.api.connector;

/**
 * Writes the records of one parallel instance of a {@link Sink}.
 *
 * <p><b>How it is called.</b> From the single worker thread that owns the sink instance: {@link #write} per
 * record, {@link #flush()} at the end of each batch the worker processed and at the end of input, then
 * {@link #close()}, also after a failure. A writer may block in I/O (it is the end of the line, and its pace
 * is what backpressure propagates back to the sources), but should buffer to keep calls cheap.
 */
public interface SinkWriter<T> extends AutoCloseable {

    void write(T record) throws Exception;

    /** Pushes buffered records out. */
    default void flush() throws Exception {
    }

    @Override
    void close() throws Exception;
}
