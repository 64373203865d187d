package io.sluice.api.window;

import io.sluice.api.Stream;
import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.transform.WindowAggregation;
import java.util.Objects;

/**
 * A whole stream (not keyed) grouped into event-time windows, from {@link Stream#windowAll}: one window
 * sequence for all items, e.g. for a global top-N. Its results come from a single instance (the planner fuses it
 * with its input when that has one instance too). Behind a parallel input, tumbling and sliding windows without
 * early results are aggregated in two stages: every input instance folds its own items into one accumulator per
 * slice and sends it on once the slice is complete, and the single instance only combines those, so the work
 * is spread over the input's instances (sessions and early results send every item to the single instance).
 * Otherwise it behaves like {@link WindowedStream}.
 *
 * <p>Not thread-safe: define a pipeline on one thread.
 *
 * @param <T> the item type
 */
public final class AllWindowedStream<T> {

    private final WindowDefinition definition;
    private final WindowStages stages;

    /**
     * Made by {@link Stream#windowAll}; users start there.
     *
     * @param input  the transform whose items are windowed
     * @param stages adds the window stages to the pipeline
     */
    public AllWindowedStream(Transform input, WindowDefinition definition, StageFactory stages) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.stages = new WindowStages(Objects.requireNonNull(input, "input"), stages);
    }

    public WindowDefinition definition() {
        return definition;
    }

    /**
     * Aggregates every window with {@code op} and emits one {@link AllWindowResult} per window when it fires
     * (plus early and late updates when the definition asks for them). Aggregates once, like
     * {@link WindowedStream#aggregate}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A, R> Stream<AllWindowResult<R>> aggregate(AggregateOp<? super T, A, ? extends R> op) {
        Objects.requireNonNull(op, "op");
        WindowAggregation aggregation = new WindowAggregation(null, definition, (AggregateOp) op,
                (key, start, end, result) -> new AllWindowResult<>(start, end, result));
        return (Stream) stages.aggregate(Kind.WINDOW_ALL_AGGREGATE, aggregation);
    }

    /** The events {@link #aggregate} rejected as late; see {@link WindowedStream#lateEvents()}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Stream<T> lateEvents() {
        return (Stream) stages.lateEvents();
    }
}
