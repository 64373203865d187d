package io.sluice.runtime.process;

import static io.sluice.runtime.process.ProcessFunctions.operator;
import static io.sluice.runtime.testing.OperatorHarness.at;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.codec.Codecs;
import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.MapState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.StateTtl;
import io.sluice.api.state.ValueState;
import io.sluice.runtime.testing.ManualClock;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateTtlTest {

    /**
     * A value written at t with an event-time TTL of 10 is visible to records before t + 10 and gone at
     * t + 10 exactly; each write moves the expiry.
     */
    @Test
    void eventTimeTtlHidesAValueFromTheExpiryOnInEveryHarnessMode() {
        OperatorHarness.verify(operator(new RememberLast(StateTtl.eventTime(Duration.ofMillis(10)))),
                List.of(at("ax", 100), at("ay", 109), at("az", 118), at("aw", 128), at("bx", 130)),
                List.of("a: - then x", "a: x then y", "a: y then z", "a: - then w", "b: - then x"));
    }

    @Test
    void eventTimeTtlStateIsRemovedWhenTheWatermarkReachesItsExpiryWithoutBeingReadAgain() {
        try (OperatorHarness h = OperatorHarness.of(operator(new RememberLast(StateTtl.eventTime(Duration.ofMillis(10)))))
                .open()) {
            h.process(at("ax", 100), at("bx", 100), at("ay", 105));
            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            // two values and one cleanup timer per key
            assertThat(op.stateSize()).isEqualTo(4);
            h.process(watermarkOf(109));
            assertThat(op.stateSize()).isEqualTo(4);
            h.process(watermarkOf(110)); // b expires; a was refreshed to 115, its cleanup timer moves there
            assertThat(op.stateSize()).isEqualTo(2);
            h.snapshotAndRestore();
            op = (KeyedProcessOperator) h.operator();
            assertThat(op.pendingTimers()).isEqualTo(1);
            h.process(watermarkOf(115));
            assertThat(op.stateSize()).isZero();
            assertThat(op.pendingTimers()).isZero();
        }
    }

    @Test
    void aValuePastItsExpiryAtTheWatermarkIsGoneEvenForALateRecord() {
        try (OperatorHarness h = OperatorHarness.of(operator(new RememberLast(StateTtl.eventTime(Duration.ofMillis(10)))))
                .open()) {
            // a late record (95 < watermark 120) sees event time 120: the value written at 100 expired at 110
            h.process(at("ax", 100), watermarkOf(105), at("ay", 107), watermarkOf(120), at("az", 95));
            assertThat(h.output()).containsExactly("a: - then x", "a: x then y", "a: - then z");
        }
    }

    @Test
    void eventTimeTtlNeedsEventTime() {
        try (OperatorHarness h = OperatorHarness.of(operator(new RememberLast(StateTtl.eventTime(Duration.ofMillis(10)))))
                .open()) {
            assertThatThrownBy(() -> h.process("ax"))
                    .hasMessageContaining("state 'last' has an event-time time-to-live")
                    .hasMessageContaining("StateTtl.processingTime");
        }
    }

    @Test
    void processingTimeTtlFollowsTheClockAndCleansUpOnItsOwn() {
        ManualClock clock = new ManualClock(1_000);
        try (OperatorHarness h = OperatorHarness.of(operator(new CountWithin(StateTtl.processingTime(Duration.ofSeconds(1)))))
                .clock(clock).open()) {
            h.process("a");
            clock.set(1_500);
            h.process("a");           // expiry moves to 2500
            clock.set(2_499);
            h.process("a");           // expiry moves to 3499
            clock.set(3_499);
            h.process("a", "b");      // a expired exactly at 3499: counting starts again
            assertThat(h.output()).containsExactly("a=1", "a=2", "a=3", "a=1", "b=1");

            KeyedProcessOperator op = (KeyedProcessOperator) h.operator();
            assertThat(op.stateSize()).isEqualTo(4); // two counters, two cleanup timers
            clock.set(4_499);
            h.tick();
            assertThat(op.stateSize()).isZero();
        }
    }

    @Test
    void aMapWithTtlExpiresAsAWholeAndEveryPutRefreshesIt() {
        OperatorHarness.verify(operator(new MapWithin(StateTtl.eventTime(Duration.ofMillis(10)))),
                List.of(at("ax", 0), at("ay", 8), at("az", 17), at("ax", 27), watermarkOf(40), at("ay", 41)),
                List.of("a{x}", "a{x,y}", "a{x,y,z}", "a{x}", "a{y}"));
    }

    /** Emits the key's previous value (or -) and the new one, which it remembers. */
    static final class RememberLast implements KeyedProcessFunction<String, String, String> {
        private final StateDescriptor<ValueState<String>> last;

        RememberLast(StateTtl ttl) {
            last = StateDescriptor.value("last", Codecs.strings()).withTtl(ttl);
        }

        @Override
        public void open(StateDeclarations state) {
            state.declare(last);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ValueState<String> value = ctx.state(last);
            String now = item.substring(1);
            out.emit(ctx.currentKey() + ": " + value.getOrDefault("-") + " then " + now);
            value.set(now);
        }
    }

    /** Counts records of a key while they come within the TTL of each other. */
    static final class CountWithin implements KeyedProcessFunction<String, String, String> {
        private final StateDescriptor<LongValueState> count;

        CountWithin(StateTtl ttl) {
            count = StateDescriptor.longValue("count").withTtl(ttl);
        }

        @Override
        public void open(StateDeclarations state) {
            state.declare(count);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + "=" + ctx.state(count).add(1));
        }
    }

    /** Puts the second character into a map and emits the map's keys, sorted. */
    static final class MapWithin implements KeyedProcessFunction<String, String, String> {
        private final StateDescriptor<MapState<String, Long>> seen;

        MapWithin(StateTtl ttl) {
            seen = StateDescriptor.map("seen", Codecs.strings(), Codecs.longs()).withTtl(ttl);
        }

        @Override
        public void open(StateDeclarations state) {
            state.declare(seen);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            MapState<String, Long> map = ctx.state(seen);
            map.put(item.substring(1), ctx.timestamp());
            java.util.TreeSet<String> sorted = new java.util.TreeSet<>();
            map.keys().forEach(sorted::add);
            out.emit(ctx.currentKey() + "{" + String.join(",", sorted) + "}");
        }
    }
}
