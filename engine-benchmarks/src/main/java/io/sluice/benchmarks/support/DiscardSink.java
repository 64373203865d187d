package io.sluice.benchmarks.support;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;

/** Counts and drops records; any parallelism. The count keeps the JIT from removing the work upstream. */
public final class DiscardSink implements Sink<Object> {

    @Override
    public String name() {
        return "discard";
    }

    @Override
    public SinkWriter<Object> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private long count;

            @Override
            public void write(Object record) {
                count++;
            }

            @Override
            public void close() {
                if (count < 0) {
                    throw new IllegalStateException();
                }
            }
        };
    }
}
