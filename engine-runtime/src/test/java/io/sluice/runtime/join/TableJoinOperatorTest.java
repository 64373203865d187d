package io.sluice.runtime.join;

import static io.sluice.runtime.join.JoinTestSupport.operatorOf;
import static io.sluice.runtime.join.JoinTestSupport.pair;
import static io.sluice.runtime.testing.OperatorHarness.at;
import static io.sluice.runtime.testing.OperatorHarness.onInput;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import io.sluice.api.join.TableJoin;
import io.sluice.runtime.exec.TimestampedItem;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TableJoinOperatorTest {

    private static final Supplier<Operator> INNER = operatorOf(j -> j.withTable(
            TableJoin.inner(Codecs.strings()).withDeletes(r -> r.endsWith(":DELETE")), JoinTestSupport::pair));
    private static final Supplier<Operator> LEFT_OUTER = operatorOf(j -> j.withTable(
            TableJoin.leftOuter(Codecs.strings()).withDeletes(r -> r.endsWith(":DELETE")), JoinTestSupport::pair));

    private static Object stream(String item) {
        return onInput(0, item);
    }

    private static Object table(String item) {
        return onInput(1, item);
    }

    private static final List<Object> CHANGES = List.of(
            stream("a:x0"),       // no value yet
            table("a:v1"), stream("a:x1"),
            table("a:v2"),        // replaces v1
            stream("a:x2"), stream("b:y1"),
            table("a:DELETE"),    // tombstone
            stream("a:x3"),
            watermarkOf(1_000),   // no lateness: the join is not bound to event time
            table("b:w1"), stream("b:y2"));

    @Test
    void anInnerJoinEnrichesWithTheLatestValueAndSkipsKeysWithout() {
        OperatorHarness.verify(INNER, CHANGES,
                List.of(pair("a:x1", "a:v1"), pair("a:x2", "a:v2"), pair("b:y2", "b:w1")));
    }

    @Test
    void aLeftOuterJoinEmitsEveryStreamRecordOnceWithNullWhenThereIsNoValue() {
        OperatorHarness.verify(LEFT_OUTER, CHANGES, List.of(
                pair("a:x0", null), pair("a:x1", "a:v1"), pair("a:x2", "a:v2"), pair("b:y1", null),
                pair("a:x3", null), pair("b:y2", "b:w1")));
    }

    @Test
    void anOutputCarriesTheStreamRecordsTimestampAndOldRecordsAreNotLate() {
        try (OperatorHarness h = OperatorHarness.of(INNER).inputs(2).open()) {
            // one at a time: records pushed together into two inputs may be taken in either order
            h.process(onInput(1, at("a:v", 50))).process(watermarkOf(100)).process(onInput(0, at("a:x", 7)));
            assertThat(h.timestampedOutput()).extracting(TimestampedItem::toString).containsExactly("a:x+a:v@7");
        }
    }

    @Test
    void tableValuesSurviveARestoreWithoutDeletes() {
        Supplier<Operator> noDeletes = operatorOf(j -> j.withTable(TableJoin.inner(Codecs.strings()),
                JoinTestSupport::pair));
        try (OperatorHarness h = OperatorHarness.of(noDeletes).inputs(2).open()) {
            h.process(table("a:DELETE"), table("b:v")).snapshotAndRestore().process(stream("a:x")).process(stream("b:y"));
            assertThat(h.output()).containsExactly(pair("a:x", "a:DELETE"), pair("b:y", "b:v"));
        }
    }

    @Test
    void aFailingDeletePredicateFailsNamingTheJoin() {
        Supplier<Operator> failing = operatorOf(j -> j.withTable(TableJoin.inner(Codecs.strings()).withDeletes(r -> {
            throw new IllegalStateException("no " + r);
        }), JoinTestSupport::pair));
        try (OperatorHarness h = OperatorHarness.of(failing).inputs(2).open()) {
            assertThatThrownBy(() -> h.process(table("a:v"))).hasMessageContaining("(op-under-test)")
                    .hasRootCauseMessage("no a:v");
        }
    }
}
