package io.sluice.api.window;

import io.sluice.api.Stream;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.api.transform.WindowAggregation;
import java.util.Objects;

/**
 * What keyed and whole-stream windowed streams share: one aggregation per windowed stream, and the late
 * events of that aggregation as a side output, made once.
 */
final class WindowStages {

    private final Transform input;
    private final StageFactory stages;
    private Stream<?> windowStage;
    private Stream<?> lateStage;

    WindowStages(Transform input, StageFactory stages) {
        this.input = input;
        this.stages = Objects.requireNonNull(stages, "stages");
    }

    Stream<?> aggregate(Kind kind, WindowAggregation aggregation) {
        if (windowStage != null) {
            throw new IllegalStateException("this windowed stream already has its aggregation ("
                    + windowStage.transform() + "); combine several results with Aggregations.allOf(...), or "
                    + "window the stream again for another aggregation");
        }
        windowStage = stages.add(kind, input, aggregation, kind.label());
        return windowStage;
    }

    Stream<?> lateEvents() {
        if (windowStage == null) {
            throw new IllegalStateException("declare the aggregation first: lateEvents() are the events that "
                    + "aggregate(...) found too late for their windows");
        }
        if (lateStage == null) {
            lateStage = stages.add(Kind.SIDE_OUTPUT, windowStage.transform(), null, "late-events");
        }
        return lateStage;
    }
}
