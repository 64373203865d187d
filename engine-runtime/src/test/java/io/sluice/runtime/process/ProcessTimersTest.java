package io.sluice.runtime.process;

import static io.sluice.runtime.process.ProcessFunctions.operator;
import static io.sluice.runtime.testing.OperatorHarness.at;
import static io.sluice.runtime.testing.OperatorHarness.watermarkOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimerContext;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.process.ProcessFunctions.ReportLater;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.runtime.testing.ManualClock;
import io.sluice.runtime.testing.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessTimersTest {

    @Test
    void eventTimeTimersFireWhenTheWatermarkReachesThemInTimestampOrder() {
        OperatorHarness.verify(operator(new ReportLater(10)),
                List.of(at("a1", 100), at("b1", 101), at("a2", 105), watermarkOf(109), at("a3", 109),
                        watermarkOf(110), at("c1", 111), at("a4", 112), watermarkOf(200), at("b2", 300)),
                // the final watermark at the end of input is not part of a harness run: b's second timer waits
                List.of("a@110:[a1, a2, a3]", "b@111:[b1]", "c@121:[c1]", "a@122:[a4]"));
    }

    @Test
    void timerOutputCarriesTheTimersTimestampAndPrecedesTheWatermark() {
        try (OperatorHarness h = OperatorHarness.of(operator(new ReportLater(10))).open()) {
            h.process(at("a1", 100), at("b1", 103), watermarkOf(150));
            assertThat(h.timestampedOutput()).extracting(t -> t.item() + "@" + t.timestamp())
                    .containsExactly("a@110:[a1]@110", "b@113:[b1]@113");
            assertThat(h.watermarks()).containsExactly(150L);
        }
    }

    @Test
    void timersAreDeduplicatedPerKeyTimestampAndKindAndCanBeDeleted() {
        try (OperatorHarness h = OperatorHarness.of(operator(new TimerCommands())).open()) {
            h.process(at("a+50", 0), at("a+50", 1), at("a+60", 2), at("a-60", 3), at("b+50", 4), at("a+55", 5));
            assertThat(((KeyedProcessOperator) h.operator()).pendingTimers()).isEqualTo(3);
            h.process(watermarkOf(100));
            assertThat(h.output()).containsExactly("a fired at 50", "b fired at 50", "a fired at 55");
        }
    }

    @Test
    void manyDeletedTimersLeaveOnlyTheLiveOnesToFire() {
        List<Object> input = new ArrayList<>();
        for (int t = 1; t <= 200; t++) {
            input.add(at("a+" + t, 0));
            input.add(at("b+" + t, 0));
        }
        for (int t = 1; t <= 198; t++) {
            input.add(at("a-" + t, 0));
        }
        for (int t = 2; t <= 200; t++) {
            input.add(at("b-" + t, 0));
        }
        try (OperatorHarness h = OperatorHarness.of(operator(new TimerCommands())).open()) {
            h.process(input.toArray());
            assertThat(((KeyedProcessOperator) h.operator()).pendingTimers()).isEqualTo(3);
            h.process(watermarkOf(1000));
            assertThat(h.output()).containsExactly("b fired at 1", "a fired at 199", "a fired at 200");
            assertThat(((KeyedProcessOperator) h.operator()).pendingTimers()).isZero();
        }
    }

    @Test
    void equalTimestampsFireInRegistrationOrderAlsoAfterARestore() {
        List<Object> input = new ArrayList<>();
        for (String key : List.of("q", "c", "x", "a", "m")) {
            input.add(at(key + "+70", 0));
        }
        input.add(watermarkOf(70));
        OperatorHarness.verify(operator(new TimerCommands()), input,
                List.of("q fired at 70", "c fired at 70", "x fired at 70", "a fired at 70", "m fired at 70"));
    }

    @Test
    void aTimerAtOrBelowTheWatermarkFiresRightAfterTheCall() {
        try (OperatorHarness h = OperatorHarness.of(operator(new TimerCommands())).open()) {
            h.process(watermarkOf(100), at("a+100", 150), at("b+40", 150));
            assertThat(h.output()).containsExactly("a fired at 100", "b fired at 40");
        }
    }

    @Test
    void aTimerCanRegisterAnotherThatFiresInTheSameWatermark() {
        try (OperatorHarness h = OperatorHarness.of(operator(new Chain())).open()) {
            h.process(at("a", 10), watermarkOf(35));
            assertThat(h.output()).containsExactly("a@20", "a@30");
            h.process(watermarkOf(1000));
            assertThat(h.output()).containsExactly("a@20", "a@30", "a@40", "a@50");
        }
    }

    @Test
    void pendingTimersSurviveASnapshotAndFireAfterTheRestore() {
        try (OperatorHarness h = OperatorHarness.of(operator(new ReportLater(10))).open()) {
            h.process(at("a1", 100), at("b1", 105), watermarkOf(110));
            h.snapshotAndRestore();
            assertThat(((KeyedProcessOperator) h.operator()).pendingTimers()).isEqualTo(1);
            h.process(at("c1", 107), at("b2", 111));
            h.snapshotAndRestore();
            h.process(watermarkOf(120));
            assertThat(h.output()).containsExactly("a@110:[a1]", "b@115:[b1, b2]", "c@117:[c1]");
        }
    }

    /** One instance snapshots 40 keys with a timer each; two instances restore their key groups' share. */
    @Test
    void timersAndStateMoveWithTheirKeyGroupsWhenRestoredAtAnotherParallelism() {
        StateSnapshot snapshot;
        List<Object> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(at((char) ('A' + i) + "1", 1000 + i));
        }
        try (OperatorHarness one = OperatorHarness.of(operator(new ReportLater(10))).open()) {
            one.process(input.toArray());
            snapshot = one.snapshot();
        }
        List<Object> all = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            try (OperatorHarness h = OperatorHarness.of(operator(new ReportLater(10))).instance(instance, 2).open()) {
                h.restore(snapshot);
                h.process(watermarkOf(Long.MAX_VALUE));
                for (Object out : h.output()) {
                    String key = ((String) out).substring(0, 1);
                    assertThat(KeyGroups.instanceOf(KeyGroups.keyGroup(key, 128), 2, 128)).isEqualTo(instance);
                }
                List<Object> output = h.output();
                assertThat(output).isSortedAccordingTo((x, y) -> Long.compare(firedAt(x), firedAt(y)));
                all.addAll(output);
            }
        }
        assertThat(all).hasSize(40);
        for (int i = 0; i < 40; i++) {
            char key = (char) ('A' + i);
            assertThat(all).contains(key + "@" + (1010 + i) + ":[" + key + "1]");
        }
    }

    /** With a roomy outbox and with a 1-slot outbox that is full after every item. */
    @ParameterizedTest
    @ValueSource(ints = {1024, 1})
    void processingTimeTimersFireFromTheClockWithTheWatermarkAsTimestamp(int outboxCapacity) {
        ManualClock clock = new ManualClock(1_000);
        try (OperatorHarness h = OperatorHarness.of(operator(new Reminder())).clock(clock)
                .outboxCapacity(outboxCapacity).open()) {
            h.process(at("a", 5));
            clock.advance(Duration.ofMillis(99));
            h.tick();
            assertThat(h.output()).isEmpty();
            clock.advance(Duration.ofMillis(1));
            h.tick();
            assertThat(h.timestampedOutput()).extracting(t -> t.item() + "@" + t.timestamp())
                    .containsExactly("a reminded at 1100 (PROCESSING_TIME)@" + Long.MIN_VALUE);

            h.process(at("b", 60));
            h.snapshotAndRestore(); // the pending processing-time timer survives
            h.process(watermarkOf(50));
            clock.advance(Duration.ofMillis(100));
            h.tick();
            assertThat(h.timestampedOutput()).extracting(t -> t.item() + "@" + t.timestamp())
                    .endsWith("b reminded at 1200 (PROCESSING_TIME)@50");
        }
    }

    @Test
    void processingTimeTimersDoNotFireAtTheEndOfInput() {
        ManualClock clock = new ManualClock(1_000);
        try (OperatorHarness h = OperatorHarness.of(operator(new Reminder())).clock(clock).open()) {
            h.process(at("a", 5), watermarkOf(Long.MAX_VALUE));
            h.finish();
            assertThat(h.output()).isEmpty();
            assertThat(((KeyedProcessOperator) h.operator()).pendingTimers()).isEqualTo(1);
        }
    }

    @Test
    void timerContextKnowsTheKeyAndTheStateOfTheKey() {
        OperatorHarness.verify(operator(new CountThenReport()),
                List.of(at("a1", 1), at("a2", 2), at("b1", 3), watermarkOf(100)),
                List.of("a counted 2 (EVENT_TIME, watermark 100)", "b counted 1 (EVENT_TIME, watermark 100)"));
    }

    private static long firedAt(Object output) {
        String s = (String) output;
        return Long.parseLong(s.substring(s.indexOf('@') + 1, s.indexOf(':')));
    }

    /** {@code k+T} registers an event-time timer at T for key k, {@code k-T} deletes it. */
    static final class TimerCommands implements KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            long t = Long.parseLong(item.substring(2));
            if (item.charAt(1) == '+') {
                ctx.timers().registerEventTimeTimer(t);
            } else {
                ctx.timers().deleteEventTimeTimer(t);
            }
        }

        @Override
        public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + " fired at " + timestamp);
        }
    }

    /** Every timer registers the next one 10 ms later, up to 50. */
    static final class Chain implements KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ctx.timers().registerEventTimeTimer(ctx.timestamp() + 10);
        }

        @Override
        public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + "@" + timestamp);
            if (timestamp < 50) {
                ctx.timers().registerEventTimeTimer(timestamp + 10);
            }
        }
    }

    /** A processing-time reminder 100 ms after each record. */
    static final class Reminder implements KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ctx.timers().registerProcessingTimeTimer(ctx.currentProcessingTime() + 100);
        }

        @Override
        public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + " reminded at " + timestamp + " (" + ctx.timeDomain() + ")");
        }
    }

    /** Counts a key's records and reports the count at event time 50. */
    static final class CountThenReport implements KeyedProcessFunction<String, String, String> {
        static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");

        @Override
        public void open(StateDeclarations state) {
            state.declare(COUNT);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ctx.state(COUNT).add(1);
            ctx.timers().registerEventTimeTimer(50);
        }

        @Override
        public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + " counted " + ctx.state(COUNT).get() + " (" + ctx.timeDomain()
                    + ", watermark " + ctx.currentWatermark() + ")");
        }
    }
}
