package io.sluice.api.connector;

/**
 * A description of where records go; it creates one {@link SinkWriter} per parallel instance. Created on the
 * thread that defines the pipeline and used from worker threads afterwards: keep it immutable.
 *
 * @param <T> the record type
 */
public interface Sink<T> {

    /** A short description for plans and metrics, e.g. {@code file:/tmp/out.jsonl}. */
    String name();

    /** The largest parallelism this sink supports (a single file or the console: 1). */
    default int maxParallelism() {
        return Integer.MAX_VALUE;
    }

    SinkWriter<T> createWriter(SinkContext context) throws Exception;
}
