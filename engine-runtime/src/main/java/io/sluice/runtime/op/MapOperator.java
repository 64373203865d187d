package io.sluice.runtime.op;

import io.sluice.api.function.MapFn;

/** Fused {@code map}. */
public final class MapOperator extends Operator {

    private final MapFn<Object, Object> fn;

    @SuppressWarnings("unchecked")
    public MapOperator(MapFn<?, ?> fn) {
        this.fn = (MapFn<Object, Object>) fn;
    }

    @Override
    public void process(Object item, long timestamp) {
        Object result;
        try {
            result = fn.apply(item);
        } catch (Throwable t) {
            throw failure(t);
        }
        if (result == null) {
            throw failure(new NullPointerException("map function returned null (use filter or flatMap to drop items)"));
        }
        emitted++;
        downstream.process(result, timestamp);
    }
}
