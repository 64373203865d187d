package io.sluice.runtime.join;

import io.sluice.api.Pipeline;
import io.sluice.api.KeyedStream;
import io.sluice.api.Stream;
import io.sluice.api.join.JoinBuilder;
import io.sluice.runtime.exec.OperatorFactory;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Joins of {@code "key:name"} strings, built through the DSL so the tests cover it too: the key is the part
 * before the colon on both sides.
 */
final class JoinTestSupport {

    private JoinTestSupport() {
    }

    /** The operator of the join stage that {@code join} adds to a fresh two-source pipeline. */
    static Supplier<Operator> operatorOf(Function<JoinBuilder<String, String, String>, Stream<?>> join) {
        Pipeline p = Pipeline.create();
        KeyedStream<String, String> left = p.<String>source(ListSource.of("l:0")).keyBy(JoinTestSupport::keyOf);
        KeyedStream<String, String> right = p.<String>source(ListSource.of("r:0")).keyBy(JoinTestSupport::keyOf);
        Stream<?> stage = join.apply(left.join(right));
        return () -> OperatorFactory.create(stage.transform(), false);
    }

    static String keyOf(String item) {
        return item.substring(0, item.indexOf(':'));
    }

    /** A left record with a timestamp. */
    static Object left(String item, long timestamp) {
        return OperatorHarness.onInput(0, OperatorHarness.at(item, timestamp));
    }

    /** A right record with a timestamp. */
    static Object right(String item, long timestamp) {
        return OperatorHarness.onInput(1, OperatorHarness.at(item, timestamp));
    }

    static String pair(String left, String right) {
        return left + "+" + right;
    }
}
