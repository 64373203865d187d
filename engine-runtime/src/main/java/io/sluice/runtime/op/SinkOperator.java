package io.sluice.runtime.op;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;

/** The terminal of a chain that ends in a sink: writes every record, flushes at batch ends. */
public final class SinkOperator extends Operator {

    private final Sink<Object> sink;
    private final boolean checkpointing;
    private SinkWriter<Object> writer;

    @SuppressWarnings("unchecked")
    public SinkOperator(Sink<?> sink, boolean checkpointing) {
        this.sink = (Sink<Object>) sink;
        this.checkpointing = checkpointing;
    }

    @Override
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        try {
            writer = sink.createWriter(new SinkContext() {
                @Override
                public int instanceIndex() {
                    return ctx.instance();
                }

                @Override
                public int parallelism() {
                    return ctx.parallelism();
                }

                @Override
                public String jobName() {
                    return ctx.jobName();
                }

                @Override
                public boolean checkpointingEnabled() {
                    return checkpointing;
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void process(Object item, long timestamp) {
        try {
            writer.write(item);
        } catch (Throwable t) {
            throw failure(t);
        }
        emitted++;
    }

    @Override
    public void processWatermark(long watermark) {
        // the end of the line
    }

    @Override
    public void flush() throws Exception {
        try {
            writer.flush();
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void finish() throws Exception {
        flush();
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }
}
