package io.sluice.runtime.op;

import io.sluice.api.function.PeekFn;

/** Fused {@code peek}. */
public final class PeekOperator extends Operator {

    private final PeekFn<Object> fn;

    @SuppressWarnings("unchecked")
    public PeekOperator(PeekFn<?> fn) {
        this.fn = (PeekFn<Object>) fn;
    }

    @Override
    public void process(Object item, long timestamp) {
        try {
            fn.accept(item);
        } catch (Throwable t) {
            throw failure(t);
        }
        emitted++;
        downstream.process(item, timestamp);
    }
}
