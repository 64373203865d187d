package io.sluice.runtime.op;

import io.sluice.api.function.Emitter;
import io.sluice.api.function.FlatMapFn;

/**
 * Fused {@code flatMap}. The operator is its own {@link Emitter}, so emitting allocates nothing; items
 * emitted after the user function returned (a leaked emitter) are rejected.
 */
public final class FlatMapOperator extends Operator implements Emitter<Object> {

    private final FlatMapFn<Object, Object> fn;
    private boolean inCall;
    /** The timestamp of the item being expanded: every item it yields inherits it. */
    private long timestamp;

    @SuppressWarnings("unchecked")
    public FlatMapOperator(FlatMapFn<?, ?> fn) {
        this.fn = (FlatMapFn<Object, Object>) fn;
    }

    @Override
    public void process(Object item, long timestamp) {
        this.timestamp = timestamp;
        inCall = true;
        try {
            fn.apply(item, this);
        } catch (OperatorException e) {
            throw e;
        } catch (Throwable t) {
            throw failure(t);
        } finally {
            inCall = false;
        }
    }

    @Override
    public void emit(Object item) {
        if (!inCall) {
            throw failure(new IllegalStateException("flatMap emitter used outside the function call"));
        }
        if (item == null) {
            throw failure(new NullPointerException("flatMap function emitted null"));
        }
        emitted++;
        downstream.process(item, timestamp);
    }
}
