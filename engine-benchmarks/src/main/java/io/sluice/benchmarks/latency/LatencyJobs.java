package io.sluice.benchmarks.latency;

import io.sluice.api.Pipeline;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.window.Windows;
import java.time.Duration;
import java.util.List;

/**
 * The jobs the latency runner times, all from an {@link OpenLoopSource} into a {@link LatencySink}, at parallelism 1
 * on one worker, where the planner fuses every stage (keyed ones too) into one chain behind the source:
 *
 * <ul>
 *   <li>{@code window}: {@code keyBy(key).window(tumbling).aggregate(counting())}: the keyed tumbling-window job
 *   of the target, timed per window result (see {@link LatencySink}).</li>
 *   <li>{@code keyed}: {@code keyBy(key).process(..)} adding 1 to a per-key {@link LongValueState} and passing
 *   the event on: the same key extraction and keyed state access, timed per event.</li>
 *   <li>{@code passthrough}: a stateless {@code map}, timed per event: the engine's floor.</li>
 * </ul>
 */
public final class LatencyJobs {

    public static final List<String> NAMES = List.of("window", "keyed", "passthrough");

    private LatencyJobs() {
    }

    /** Declares job {@code name} from {@code source} into {@code sink}. */
    public static void define(String name, Pipeline p, OpenLoopSource source, LatencySink sink, Duration window) {
        switch (name) {
            case "window" -> p.source(source)
                    .keyBy(Tick::key)
                    .window(Windows.tumbling(window))
                    .aggregate(Aggregations.counting()).named("count-per-key")
                    .sink(sink);
            case "keyed" -> p.source(source)
                    .keyBy(Tick::key)
                    .process(new CountAndForward()).named("count-and-forward")
                    .sink(sink);
            case "passthrough" -> p.source(source)
                    .map(t -> t).named("pass-through")
                    .sink(sink);
            default -> throw new IllegalArgumentException("unknown job '" + name + "' (known: " + NAMES + ")");
        }
    }

    /** Adds one to its key's counter and emits the event unchanged. */
    static final class CountAndForward implements KeyedProcessFunction<Long, Tick, Tick> {
        static final StateDescriptor<LongValueState> COUNT = StateDescriptor.longValue("count");

        @Override
        public void open(StateDeclarations state) {
            state.declare(COUNT);
        }

        @Override
        public void processElement(Tick item, ProcessContext<Long> ctx, Emitter<Tick> out) {
            ctx.state(COUNT).add(1);
            out.emit(item);
        }
    }
}
