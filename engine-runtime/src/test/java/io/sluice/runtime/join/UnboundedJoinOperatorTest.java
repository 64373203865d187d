package io.sluice.runtime.join;

import static io.sluice.runtime.join.JoinTestSupport.left;
import static io.sluice.runtime.join.JoinTestSupport.operatorOf;
import static io.sluice.runtime.join.JoinTestSupport.pair;
import static io.sluice.runtime.join.JoinTestSupport.right;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import io.sluice.api.join.UnboundedJoin;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class UnboundedJoinOperatorTest {

    private static final Supplier<Operator> INNER = operatorOf(j -> j.unbounded(
            UnboundedJoin.inner(Codecs.strings(), Codecs.strings()), JoinTestSupport::pair));

    @Test
    void joinsEveryPairWhicheverSideArrivesFirst() {
        OperatorHarness.verify(INNER, List.of(
                left("a:p1", 10), right("a:q1", 20), right("a:q2", 5), left("a:p2", 30),
                right("b:q3", 1), watermarkOf(100),
                left("b:p3", 2)), // below the watermark, but an unbounded join drops nothing
                List.of(pair("a:p1", "a:q1"), pair("a:p1", "a:q2"), pair("a:p2", "a:q1"), pair("a:p2", "a:q2"),
                        pair("b:p3", "b:q3")));
    }

    @Test
    void aPairCarriesTheLaterTimestampAndWatermarksPassThrough() {
        try (OperatorHarness h = OperatorHarness.of(INNER).inputs(2).open()) {
            h.process(left("a:p", 10), right("a:q", 20), left("a:p2", 30), watermarkOf(25));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::timestamp).containsExactly(20L, 30L);
            assertThat(h.watermarks()).containsExactly(25L);
        }
    }

    @Test
    void theOutputDoesNotDependOnArrivalOrder() {
        List<Object> input = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < 3; i++) {
                input.add(left(k + ":p" + i, i));
                input.add(right(k + ":q" + i, i));
                for (int j = 0; j < 3; j++) {
                    expected.add(pair(k + ":p" + i, k + ":q" + j));
                }
            }
        }
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(input, random);
            try (OperatorHarness h = OperatorHarness.of(INNER).inputs(2).open()) {
                h.process(input.toArray()).finish();
                assertThat(h.output()).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void aNullResultFailsNamingTheJoin() {
        Supplier<Operator> nulls = operatorOf(j -> j.unbounded(UnboundedJoin.inner(Codecs.strings(), Codecs.strings()),
                (l, r) -> null));
        try (OperatorHarness h = OperatorHarness.of(nulls).inputs(2).open()) {
            assertThatThrownBy(() -> h.process(left("a:p", 1), right("a:q", 2)))
                    .hasMessageContaining("(op-under-test)").hasStackTraceContaining("returned null");
        }
    }
}
