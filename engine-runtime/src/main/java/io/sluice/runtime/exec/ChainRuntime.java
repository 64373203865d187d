package io.sluice.runtime.exec;

import io.sluice.runtime.checkpoint.PendingStates;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of one vertex instance, fused into a chain, with their contexts and the chain's outbox
 * ({@code null} when the chain ends in a sink). Shared by the source and processor tasklets.
 */
public final class ChainRuntime {

    private final List<Operator> operators;
    private final List<OperatorContext> contexts;
    private final Outbox outbox;
    private final Operator head;
    private Map<String, StateSnapshot> restoreStates = Map.of();
    private boolean restoring;
    private long restoredCheckpointId = -1;

    /**
     * @param operators the chain in order, ending with its terminal (an {@link Outbox} or a sink operator)
     * @param contexts  one context per operator
     */
    public ChainRuntime(List<Operator> operators, List<OperatorContext> contexts) {
        if (operators.isEmpty() || operators.size() != contexts.size()) {
            throw new IllegalArgumentException("a chain needs at least a terminal, and one context per operator");
        }
        this.operators = List.copyOf(operators);
        this.contexts = List.copyOf(contexts);
        for (int i = 0; i + 1 < operators.size(); i++) {
            operators.get(i).then(operators.get(i + 1));
        }
        Operator last = operators.get(operators.size() - 1);
        this.outbox = last instanceof Outbox ? (Outbox) last : null;
        this.head = operators.get(0);
    }

    /** State to restore into the operators when they open, by operator uid, from checkpoint {@code checkpointId}. */
    public void restoreOnOpen(Map<String, StateSnapshot> statesByUid, long checkpointId) {
        this.restoreStates = statesByUid;
        this.restoring = true;
        this.restoredCheckpointId = checkpointId;
    }

    /** Opens every operator, then restores the state recorded for it (if any) into its key-group range. */
    public void open() throws Exception {
        for (int i = 0; i < operators.size(); i++) {
            Operator op = operators.get(i);
            OperatorContext ctx = contexts.get(i);
            if (restoring) {
                op.markJobRestored(restoredCheckpointId);
            }
            op.open(ctx);
            StateSnapshot state = restoreStates.get(ctx.uid());
            if (state != null) {
                try {
                    op.restore(new StateReader(state, ctx.firstKeyGroup(), ctx.endKeyGroup(), ctx.maxKeyGroups(),
                            ctx.instance() == 0));
                } catch (Exception e) {
                    throw new IllegalStateException("could not restore the state of " + ctx.describe() + ": " + e.getMessage(), e);
                }
            }
            if (restoring) {
                op.restoreFinished();
            }
        }
    }

    /**
     * Takes the snapshot of checkpoint {@code checkpointId}: every operator gets {@link Operator#beforeSnapshot},
     * every stateful one writes its small state and freezes the rest ({@link Operator#snapshotState}), which a
     * checkpoint thread writes later. Runs on the worker thread between two records: this is its pause.
     */
    public PendingStates snapshot(long checkpointId) throws Exception {
        PendingStates states = new PendingStates();
        try {
            for (int i = 0; i < operators.size(); i++) {
                Operator op = operators.get(i);
                op.beforeSnapshot(checkpointId);
                if (op.isStateful()) {
                    OperatorContext ctx = contexts.get(i);
                    StateWriter writer = new StateWriter(ctx.maxKeyGroups());
                    states.add(ctx.uid(), writer, op.snapshotState(writer));
                }
            }
        } catch (Exception | Error e) {
            states.release();
            throw e;
        }
        return states;
    }

    /**
     * The final snapshot of a chain that has finished (nothing changes any more), written at once.
     */
    public Map<String, StateSnapshot> finalSnapshot() throws Exception {
        Map<String, StateSnapshot> states = new LinkedHashMap<>();
        for (int i = 0; i < operators.size(); i++) {
            Operator op = operators.get(i);
            op.beforeSnapshot(CheckpointParticipant.FINAL);
            if (op.isStateful()) {
                OperatorContext ctx = contexts.get(i);
                StateWriter writer = new StateWriter(ctx.maxKeyGroups());
                op.snapshot(writer);
                states.put(ctx.uid(), writer.toSnapshot());
            }
        }
        return states;
    }

    /** Tells every operator that checkpoint {@code checkpointId} is durable. */
    public void checkpointComplete(long checkpointId) throws Exception {
        for (Operator op : operators) {
            op.checkpointComplete(checkpointId);
        }
    }

    public Operator head() {
        return head;
    }

    public List<Operator> operators() {
        return operators;
    }

    /** The outbox, or {@code null} for a chain that ends in a sink. */
    public Outbox outbox() {
        return outbox;
    }

    /** True while the outbox holds items a full queue refused. */
    public boolean hasPending() {
        return outbox != null && outbox.hasPending();
    }

    public int flushPending() {
        return outbox == null ? 0 : outbox.flushPending();
    }

    /**
     * Closes every operator, even when one fails, and rethrows the first failure: a sink that fails to
     * flush or commit in {@code close} must fail the job, not vanish.
     */
    public void close() throws Exception {
        Throwable first = null;
        for (Operator op : operators) {
            try {
                op.close();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                }
            }
        }
        rethrow(first);
    }

    static void rethrow(Throwable t) throws Exception {
        if (t instanceof Exception) {
            throw (Exception) t;
        } else if (t instanceof Error) {
            throw (Error) t;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
