package io.sluice.runtime.op;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.TwoPhaseCommitSinkWriter;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The terminal of a chain that ends in a sink: writes every record, flushes at batch ends.
 *
 * <p>With checkpointing on and a {@link TwoPhaseCommitSinkWriter}, output is exactly-once: at each barrier
 * the writer stages what it wrote ({@code preCommit}); the staged committables are part of the operator's
 * state; when the checkpoint completes they are committed. A restore commits the committables of the
 * restored checkpoint again (commits are idempotent), so nothing staged for a complete checkpoint is lost.
 */
public final class SinkOperator extends Operator {

    private final Sink<Object> sink;
    private final boolean checkpointing;
    private SinkWriter<Object> writer;
    private TwoPhaseCommitSinkWriter<Object, Object> transactional;
    /** Staged, not yet committed: (checkpoint id, committable), oldest first. */
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(long checkpointId, Object committable) {
    }

    @SuppressWarnings("unchecked")
    public SinkOperator(Sink<?> sink, boolean checkpointing) {
        this.sink = (Sink<Object>) sink;
        this.checkpointing = checkpointing;
    }

    @Override
    @SuppressWarnings("unchecked")
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

                @Override
                public boolean restored() {
                    return jobRestored;
                }

                @Override
                public long restoredCheckpointId() {
                    return restoredCheckpointId;
                }

                @Override
                public String uid() {
                    return ctx.uid();
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
        if (checkpointing && writer instanceof TwoPhaseCommitSinkWriter) {
            transactional = (TwoPhaseCommitSinkWriter<Object, Object>) writer;
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

    /**
     * End of input: flush; a transactional writer stages and commits its last transaction at once, since no
     * later checkpoint will.
     */
    @Override
    public void finish() throws Exception {
        flush();
        if (transactional != null) {
            try {
                pending.add(new Pending(Long.MAX_VALUE, transactional.preCommit(Long.MAX_VALUE)));
                commitUpTo(Long.MAX_VALUE);
            } catch (Exception e) {
                throw failure(e);
            }
        }
    }

    @Override
    public boolean isStateful() {
        return transactional != null;
    }

    @Override
    public void beforeSnapshot(long checkpointId) throws Exception {
        if (transactional != null && checkpointId >= 0) {
            try {
                flush();
                pending.add(new Pending(checkpointId, transactional.preCommit(checkpointId)));
            } catch (Exception e) {
                throw failure(e);
            }
        }
    }

    /** Operator state: per pending committable, its checkpoint id (8 bytes) and the length-framed committable. */
    @Override
    public DeferredState snapshotState(StateWriter out) throws IOException {
        Codec<Object> codec = transactional.committableCodec();
        out.beginKeyGroup(StateSnapshot.OPERATOR_STATE); // even when empty: the checkpoint records the sink

        for (Pending p : pending) {
            out.out().writeLong(p.checkpointId());
            out.writeValue(codec, p.committable());
        }
        return null;
    }

    /** Commits what the restored checkpoint had staged: it was complete, so its output must become visible. */
    @Override
    public void restore(StateReader in) throws IOException {
        if (transactional == null) {
            return;
        }
        Codec<Object> codec = transactional.committableCodec();
        while (in.nextSection()) {
            while (in.hasMore()) {
                long id = in.in().readLong();
                pending.add(new Pending(id, in.readValue(codec)));
            }
        }
        try {
            commitUpTo(Long.MAX_VALUE);
        } catch (Exception e) {
            throw new IOException("could not commit the output staged for the restored checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkpointComplete(long checkpointId) throws Exception {
        if (transactional != null) {
            try {
                commitUpTo(checkpointId);
            } catch (Exception e) {
                throw failure(e);
            }
        }
    }

    private void commitUpTo(long checkpointId) throws Exception {
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.checkpointId() > checkpointId) {
                break;
            }
            transactional.commit(p.committable());
            it.remove();
        }
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }
}
