package io.sluice.api.transform;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The function record of a {@link Transform.Kind#ROLLING_AGGREGATE}: which key, which aggregation, and how
 * a key and its current result become the emitted item.
 *
 * @param keyFn   extracts the key of an input item
 * @param op      the aggregation, one accumulator per key
 * @param outputFn makes the emitted item from the key and the exported result
 */
public record KeyedAggregation(KeyFn<Object, Object> keyFn,
                               AggregateOp<Object, Object, Object> op,
                               BiFunction<Object, Object, Object> outputFn) implements KeyedFunction {

    public KeyedAggregation {
        Objects.requireNonNull(keyFn, "keyFn");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(outputFn, "outputFn");
    }

    @Override
    public KeyFn<Object, Object> keyFn(int input) {
        return keyFn;
    }
}
