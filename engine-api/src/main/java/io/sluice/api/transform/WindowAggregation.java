package io.sluice.api.transform;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import io.sluice.api.window.WindowDefinition;
import java.util.Objects;

/**
 * The function record of a {@link Transform.Kind#WINDOW_AGGREGATE} (keyed) or
 * {@link Transform.Kind#WINDOW_ALL_AGGREGATE} (whole stream): the key, the windows, the aggregation and how a
 * window's result becomes the emitted item. Its late events, when the job reads them, are the output of a
 * {@link Transform.Kind#SIDE_OUTPUT} transform whose input is the window transform.
 *
 * @param keyFn      extracts the key of an input item; {@code null} for a whole-stream window
 * @param definition which windows, lateness and early firing
 * @param op         the aggregation, folded incrementally per window (per slice for sliding windows)
 * @param outputFn   makes the emitted item from the key, the window bounds and the exported result
 */
public record WindowAggregation(KeyFn<Object, Object> keyFn,
                                WindowDefinition definition,
                                AggregateOp<Object, Object, Object> op,
                                ResultFn outputFn) implements KeyedFunction {

    /** Makes the item a window emits. */
    @FunctionalInterface
    public interface ResultFn {
        /** {@code key} is {@code null} for a whole-stream window. */
        Object apply(Object key, long windowStart, long windowEnd, Object result);
    }

    public WindowAggregation {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(outputFn, "outputFn");
    }

    /** Whether the windows are per key (else over the whole stream). */
    public boolean isKeyed() {
        return keyFn != null;
    }

    @Override
    public KeyFn<Object, Object> keyFn(int input) {
        return keyFn;
    }
}
