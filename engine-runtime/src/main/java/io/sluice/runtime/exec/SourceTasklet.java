package io.sluice.runtime.exec;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorException;

/**
 * Drives one source reader and the chain fused behind it. Reads only while the outbox has no waiting
 * items, so a slow consumer stops the source; pauses the reader while that lasts.
 */
public final class SourceTasklet implements Tasklet, SourceOutput<Object> {

    private enum State { RUNNING, DRAINING, DONE }

    private final String name;
    private final String sourceName;
    private final SourceReader<Object> reader;
    private final ChainRuntime chain;
    private final int batchSize;
    private Operator head;
    private State state = State.RUNNING;
    private boolean paused;
    private long emitted;
    private long watermark = Long.MIN_VALUE;
    private boolean readerClosed;

    /**
     * @param name       the tasklet, for thread dumps
     * @param sourceName the source stage as errors name it, e.g. {@code 'file:/x' (source-0)}
     */
    @SuppressWarnings("unchecked")
    public SourceTasklet(String name, String sourceName, SourceReader<?> reader, ChainRuntime chain, int batchSize) {
        this.name = name;
        this.sourceName = sourceName;
        this.reader = (SourceReader<Object>) reader;
        this.chain = chain;
        this.batchSize = batchSize;
    }

    @Override
    public void init() throws Exception {
        chain.open();
        head = chain.head();
        try {
            reader.open();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(sourceName, e);
        }
    }

    @Override
    public int doWork() throws Exception {
        int progress = chain.flushPending();
        if (chain.hasPending()) {
            if (!paused && state == State.RUNNING) {
                paused = true;
                reader.pause();
            }
            return progress;
        }
        if (state == State.DRAINING) {
            state = State.DONE;
            return progress + 1;
        }
        if (state == State.DONE) {
            return progress;
        }
        if (paused) {
            paused = false;
            reader.resume();
        }
        long before = emitted;
        ReadStatus status;
        try {
            status = reader.read(this, batchSize);
        } catch (OperatorException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(sourceName, e);
        }
        int read = (int) (emitted - before);
        if (read > 0) {
            head.flush();
        }
        if (status == ReadStatus.END_OF_INPUT) {
            head.finish();
            closeReader();
            state = State.DRAINING;
            return progress + read + 1;
        }
        return progress + read;
    }

    @Override
    public void emit(Object record) {
        if (record == null) {
            throw new OperatorException(sourceName, new NullPointerException("the source emitted a null record"));
        }
        emitted++;
        head.process(record);
    }

    @Override
    public void emit(Object record, long timestamp) {
        // Event-time timestamps are carried once windows need them; today the record travels alone.
        emit(record);
    }

    @Override
    public void emitWatermark(long wm) {
        if (wm > watermark) {
            watermark = wm;
            head.processWatermark(wm);
        }
    }

    /** Downstream stops waiting for this instance's watermark until it emits again. */
    @Override
    public void markIdle() {
        if (chain.outbox() != null) {
            chain.outbox().markIdle();
        }
    }

    @Override
    public boolean isDone() {
        return state == State.DONE;
    }

    /** Records the reader emitted so far. */
    public long emittedCount() {
        return emitted;
    }

    public ChainRuntime chain() {
        return chain;
    }

    @Override
    public void close() throws Exception {
        Throwable first = null;
        try {
            closeReader();
        } catch (Throwable t) {
            first = t;
        }
        try {
            chain.close();
        } catch (Throwable t) {
            if (first == null) {
                first = t;
            }
        }
        ChainRuntime.rethrow(first);
    }

    private void closeReader() {
        if (!readerClosed) {
            readerClosed = true;
            try {
                reader.close();
            } catch (Exception e) {
                throw new OperatorException(sourceName, e);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }
}
