package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.WindowResult;
import io.sluice.api.window.WindowedStream;
import io.sluice.api.window.Windows;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Event times at the ends of the {@code long} range, where a window's bounds or timers would overflow (a job used
 * to hang there): such records go to the late side output, and the windows of the other records fire as usual,
 * with one stage and with two.
 */
class ExtremeTimestampsTest {

    record Ev(int key, long ts) {
    }

    @Test
    @Timeout(60)
    void recordsAtTheEndsOfTimeGoToTheLateOutputAndTheOthersStillFire() throws Exception {
        List<WindowDefinition> definitions = List.of(Windows.tumbling(Duration.ofMillis(10)),
                Windows.sliding(Duration.ofMillis(10), Duration.ofMillis(5)).allowedLateness(Duration.ofMillis(3)),
                Windows.session(Duration.ofMillis(10)),
                Windows.session(Duration.ofMillis(10)).combineLocally(Duration.ofMillis(5)));
        // Long.MIN_VALUE is the runtime's "no timestamp" (Operator.NO_TIMESTAMP): the source makes it MIN_VALUE + 1.
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 3, Long.MAX_VALUE - 3, Long.MAX_VALUE - 1};
        for (WindowDefinition d : definitions) {
            for (long edge : edges) {
                for (int parallelism : new int[] {1, 2}) {
                    // With a delay, a watermark computed from the low edge used to overflow to near MAX_VALUE.
                    long delay = parallelism == 1 ? 0 : 5;
                    CollectingSink<WindowResult<Integer, Long>> sink = new CollectingSink<>();
                    CollectingSink<Ev> late = new CollectingSink<>();
                    Pipeline p = Pipeline.create();
                    // In order, the edge last when it is high (a watermark near MAX makes what follows late).
                    List<Ev> events = edge < 0
                            ? List.of(new Ev(1, edge), new Ev(1, 100), new Ev(2, 101), new Ev(1, 102))
                            : List.of(new Ev(1, 100), new Ev(2, 101), new Ev(1, 102), new Ev(1, edge));
                    WindowedStream<Integer, Ev> w = p.source(ListSource.of(events),
                                    WatermarkPolicy.boundedOutOfOrder(Ev::ts, Duration.ofMillis(delay)))
                            .keyBy(Ev::key).window(d);
                    w.aggregate(Aggregations.counting()).sink(sink);
                    w.lateEvents().sink(late);

                    PipelineTestDriver.withParallelism(parallelism).run(p);

                    String what = d + " with an event at " + edge + ", parallelism " + parallelism + ", delay " + delay;
                    assertThat(late.items()).as(what).containsExactly(new Ev(1, edge));
                    long counted = sink.items().stream()
                            .filter(r -> d.kind() != WindowDefinition.Kind.SLIDING || r.windowStart() % 10 == 0)
                            .mapToLong(WindowResult::value).sum();
                    assertThat(counted).as(what).isEqualTo(3);
                }
            }
        }
    }
}
