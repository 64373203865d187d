package io.sluice.runtime.join;

import io.sluice.api.function.KeyFn;
import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * What every join operator shares: two inputs (0 = left, 1 = right), each with its own key function; keyed
 * state in a {@link KeyedStateBackend}; output with a check for {@code null} results.
 *
 * <p>A join is always the head of its chain and is fed through {@link #processInput}; {@link #process} is a
 * wiring error. Owned by one worker thread.
 */
abstract class KeyedJoinOperator extends Operator {

    private final KeyFn<Object, Object> leftKey;
    private final KeyFn<Object, Object> rightKey;
    private final ClassLoader loader;
    protected KeyedStateBackend state;

    KeyedJoinOperator(JoinSpec spec, Object userFunction) {
        this.leftKey = spec.leftKey();
        this.rightKey = spec.rightKey();
        this.loader = userFunction.getClass().getClassLoader();
    }

    @Override
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        state = new KeyedStateBackend(ctx);
        registerState(state);
    }

    /** Creates this operator's tables (and anything else that lives in keyed state). */
    abstract void registerState(KeyedStateBackend backend);

    @Override
    public final void process(Object item, long timestamp) {
        throw new IllegalStateException(context.describe() + " is a join: records must arrive through processInput");
    }

    /** The key of {@code item} from input {@code input}; user failures name the join. */
    final Object keyOf(int input, Object item) {
        try {
            return switch (input) {
                case 0 -> leftKey.key(item);
                case 1 -> rightKey.key(item);
                default -> throw new IllegalArgumentException("a join has inputs 0 and 1, not " + input);
            };
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Passes one result on. */
    final void emit(Object result, long timestamp) {
        if (result == null) {
            throw failure(new NullPointerException("the join function returned null (filter after the join to drop pairs)"));
        }
        emitted++;
        downstream.process(result, timestamp);
    }

    @Override
    public final boolean isStateful() {
        return true;
    }

    @Override
    public DeferredState snapshotState(StateWriter out) throws IOException {
        return state.freeze();
    }

    @Override
    public void restore(StateReader in) throws IOException {
        state.restore(in, loader);
        afterRestore();
    }

    /** Rebuilds what is derived from the restored keyed state (expiry queues, counters). */
    void afterRestore() {
    }
}
