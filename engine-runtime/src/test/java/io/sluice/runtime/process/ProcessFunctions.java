package io.sluice.runtime.process;

import io.sluice.api.codec.Codecs;
import io.sluice.api.function.Emitter;
import io.sluice.api.function.KeyFn;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.ListState;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.MapState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimerContext;
import io.sluice.api.state.ValueState;
import io.sluice.api.transform.KeyedProcess;
import io.sluice.runtime.op.Operator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Process functions the tests share. Items are strings whose first character is the key. */
final class ProcessFunctions {

    static final KeyFn<Object, Object> FIRST_CHAR = s -> ((String) s).substring(0, 1);

    private ProcessFunctions() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Supplier<Operator> operator(KeyedProcessFunction<String, String, String> fn) {
        return () -> new KeyedProcessOperator(new KeyedProcess(FIRST_CHAR, (KeyedProcessFunction) fn));
    }

    /** Emits {@code key=n}, n the number of records of the key so far. */
    static final class CountPerKey implements KeyedProcessFunction<String, String, String> {
        static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");

        @Override
        public void open(StateDeclarations state) {
            state.declare(COUNT);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + "=" + ctx.state(COUNT).add(1));
        }
    }

    /**
     * Every state kind at once: the previous item ({@link ValueState}), the items so far ({@link ListState})
     * and a count per second character ({@link MapState}).
     */
    static final class AllKinds implements KeyedProcessFunction<String, String, String> {
        static final StateDescriptor<ValueState<String>> LAST = StateDescriptor.value("last", Codecs.strings());
        static final StateDescriptor<ListState<String>> ALL = StateDescriptor.list("all", Codecs.strings());
        static final StateDescriptor<MapState<String, Long>> BY_CHAR =
                StateDescriptor.map("by-char", Codecs.strings(), Codecs.longs());

        @Override
        public void open(StateDeclarations state) {
            state.declare(LAST, ALL, BY_CHAR);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ValueState<String> last = ctx.state(LAST);
            String previous = last.getOrDefault("-");
            last.set(item);
            ListState<String> all = ctx.state(ALL);
            all.add(item);
            MapState<String, Long> byChar = ctx.state(BY_CHAR);
            String c = item.substring(1, 2);
            Long n = byChar.get(c);
            byChar.put(c, n == null ? 1 : n + 1);
            if (item.endsWith("!")) { // "a!" resets the list and removes the entry of '!'
                all.update(all.get().subList(0, all.size() - 1));
                byChar.remove("!");
            }
            Map<String, Long> sorted = new TreeMap<>();
            for (Map.Entry<String, Long> e : byChar.entries()) {
                sorted.put(e.getKey(), e.getValue());
            }
            out.emit(previous + ">" + item + " " + all.get() + " " + sorted);
        }
    }

    /**
     * Collects a key's items and reports them {@code delay} ms of event time after the first one:
     * {@code key@timerTimestamp:[items]}.
     */
    static final class ReportLater implements KeyedProcessFunction<String, String, String> {
        static final StateDescriptor<ListState<String>> ITEMS = StateDescriptor.list("items", Codecs.strings());
        private final long delay;

        ReportLater(long delay) {
            this.delay = delay;
        }

        @Override
        public void open(StateDeclarations state) {
            state.declare(ITEMS);
        }

        @Override
        public void processElement(String item, ProcessContext<String> ctx, Emitter<String> out) {
            ListState<String> items = ctx.state(ITEMS);
            if (items.isEmpty()) {
                ctx.timers().registerEventTimeTimer(ctx.timestamp() + delay);
            }
            items.add(item);
        }

        @Override
        public void onTimer(long timestamp, TimerContext<String> ctx, Emitter<String> out) {
            out.emit(ctx.currentKey() + "@" + timestamp + ":" + ctx.state(ITEMS).get());
            ctx.state(ITEMS).clear();
        }
    }
}
