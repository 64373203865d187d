package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowResult;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.function.Supplier;

/** Window operators over string events {@code "a"}, {@code "b7"}: the key is the first letter, the number a value. */
final class WindowTesting {

    private WindowTesting() {
    }

    static final KeyFn<Object, Object> FIRST_LETTER = s -> ((String) s).substring(0, 1);

    /** Counts events per key and window. */
    static Supplier<Operator> counting(WindowDefinition definition) {
        return keyed(definition, Aggregations.counting());
    }

    /** Sums the numbers after the letter per key and window. */
    static Supplier<Operator> summing(WindowDefinition definition) {
        return keyed(definition, Aggregations.summingLong((String s) -> Long.parseLong(s.substring(1))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Supplier<Operator> keyed(WindowDefinition definition, AggregateOp<String, ?, ?> op) {
        return () -> new WindowOperator(new WindowAggregation(FIRST_LETTER, definition, (AggregateOp) op,
                (key, start, end, result) -> new WindowResult<>(key, start, end, result)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Supplier<Operator> countingAll(WindowDefinition definition) {
        AggregateOp op = Aggregations.counting();
        return () -> new WindowOperator(new WindowAggregation(null, definition, op,
                (key, start, end, result) -> new AllWindowResult<>(start, end, result)));
    }

    static <R> WindowResult<String, R> result(String key, long start, long end, R value) {
        return new WindowResult<>(key, start, end, value);
    }

    static Object at(Object item, long timestamp) {
        return OperatorHarness.at(item, timestamp);
    }

    static Object wm(long timestamp) {
        return OperatorHarness.watermarkOf(timestamp);
    }
}
