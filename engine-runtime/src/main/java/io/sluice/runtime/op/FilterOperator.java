package io.sluice.runtime.op;

import io.sluice.api.function.FilterFn;

/** Fused {@code filter}. */
public final class FilterOperator extends Operator {

    private final FilterFn<Object> fn;

    @SuppressWarnings("unchecked")
    public FilterOperator(FilterFn<?> fn) {
        this.fn = (FilterFn<Object>) fn;
    }

    @Override
    public void process(Object item, long timestamp) {
        boolean pass;
        try {
            pass = fn.test(item);
        } catch (Throwable t) {
            throw failure(t);
        }
        if (pass) {
            emitted++;
            downstream.process(item, timestamp);
        }
    }
}
