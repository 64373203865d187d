package io.sluice.runtime.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.KeyedValue;
import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.KeyedAggregation;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RollingAggregateOperatorTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<Operator> sumPerKey() {
        KeyFn<Object, Object> key = s -> ((String) s).substring(0, 1);
        AggregateOp op = Aggregations.summingLong((String s) -> Long.parseLong(s.substring(1)));
        return () -> new RollingAggregateOperator(new KeyedAggregation(key, op, KeyedValue::new));
    }

    @Test
    void emitsTheRunningResultPerKeyInEveryHarnessMode() {
        List<String> input = List.of("a1", "b10", "a2", "c5", "b20", "a3");
        List<KeyedValue<String, Long>> expected = List.of(
                new KeyedValue<>("a", 1L), new KeyedValue<>("b", 10L), new KeyedValue<>("a", 3L),
                new KeyedValue<>("c", 5L), new KeyedValue<>("b", 30L), new KeyedValue<>("a", 6L));

        OperatorHarness.verify(sumPerKey(), input, expected);
    }

    @Test
    void stateSnapshottedAtOneInstanceIsRestoredAcrossTwoByKeyGroup() {
        List<String> keys = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            keys.add(c + "1");
        }
        StateSnapshot snapshot;
        try (OperatorHarness single = OperatorHarness.of(sumPerKey()).open()) {
            single.processAll(keys);
            snapshot = single.snapshot();
        }

        List<Object> after = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            try (OperatorHarness h = OperatorHarness.of(sumPerKey()).instance(instance, 2).open()) {
                h.restore(snapshot);
                for (String k : keys) {
                    String key = k.substring(0, 1);
                    int owner = KeyGroups.instanceOf(KeyGroups.keyGroup(key, 128), 2, 128);
                    if (owner == instance) {
                        h.process(key + "100");
                    }
                }
                after.addAll(h.output());
            }
        }

        assertThat(after).hasSize(26).allSatisfy(kv -> assertThat(((KeyedValue<?, ?>) kv).value()).isEqualTo(101L));
    }

    @Test
    void restoringWithAnotherNumberOfKeyGroupsIsRefused() {
        StateSnapshot snapshot;
        try (OperatorHarness h = OperatorHarness.of(sumPerKey()).open()) {
            h.process("a1", "b2");
            snapshot = h.snapshot();
        }
        try (OperatorHarness other = OperatorHarness.of(sumPerKey()).maxKeyGroups(256).open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.restore(snapshot))
                    .hasMessageContaining("128 key groups");
        }
    }

    @Test
    void keyGroupsSpreadKeysThatDifferOnlyInHighBits() {
        java.util.Set<Integer> groups = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            groups.add(KeyGroups.keyGroup(i << 23, 128));
        }
        assertThat(groups).hasSizeGreaterThan(100);
        assertThat(KeyGroups.instanceOf((1 << 24) - 1, 256, 1 << 24)).isEqualTo(255);
    }

    @Test
    void countingSurvivesRestoreWithBoxedKeys() {
        KeyFn<Object, Object> key = x -> ((Integer) x) % 3;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Supplier<Operator> counting = () -> new RollingAggregateOperator(
                new KeyedAggregation(key, (AggregateOp) Aggregations.counting(), (k, v) -> k + ":" + v));

        OperatorHarness.verify(counting, List.of(1, 2, 3, 4, 5, 6, 7),
                List.of("1:1", "2:1", "0:1", "1:2", "2:2", "0:2", "1:3"));
    }
}
