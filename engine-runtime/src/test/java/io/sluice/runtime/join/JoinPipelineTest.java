package io.sluice.runtime.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codec;
import io.sluice.api.join.IntervalJoin;
import io.sluice.api.join.UnboundedJoin;
import io.sluice.api.join.WindowJoin;
import io.sluice.api.window.Windows;
import io.sluice.runtime.plan.EdgeKind;
import io.sluice.runtime.plan.EdgePlan;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joins run as whole pipelines on real workers and queues: both inputs partitioned by their own key into the
 * join's instances, the watermark merged over both, results equal to a brute-force join at any parallelism.
 */
class JoinPipelineTest {

    /** An event of either side: a key, an event time, an id. */
    record Ev(int key, long ts, String id) {
    }

    /** {@code key,ts,id} as UTF-8: enough for the join's snapshots, which these runs never take. */
    static final Codec<Ev> EV = new Codec<>() {
        @Override
        public Class<Ev> type() {
            return Ev.class;
        }

        @Override
        public void encode(Ev value, OutputStream out) throws IOException {
            out.write((value.key() + "," + value.ts() + "," + value.id()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Ev decode(byte[] bytes, int offset, int length) {
            String[] parts = new String(bytes, offset, length, StandardCharsets.UTF_8).split(",", 3);
            return new Ev(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2]);
        }
    };

    private static final List<Ev> LEFT = events("l", 1);
    private static final List<Ev> RIGHT = events("r", 2);

    /** 1,500 events over 40 keys in event-time order (so no event is late), 0 to about 15 s. */
    private static List<Ev> events(String prefix, long seed) {
        Random random = new Random(seed);
        List<Ev> events = new ArrayList<>();
        long ts = 0;
        for (int i = 0; i < 1_500; i++) {
            ts += random.nextInt(20);
            events.add(new Ev(random.nextInt(40), ts, prefix + i));
        }
        return events;
    }

    private static List<String> run(int parallelism, Function<KeyedStream<Integer, Ev>, Function<KeyedStream<Integer, Ev>,
            Stream<String>>> join) throws Exception {
        Pipeline p = Pipeline.create();
        KeyedStream<Integer, Ev> left = p.source(ListSource.of(LEFT), WatermarkPolicy.monotonic(Ev::ts)).keyBy(Ev::key);
        KeyedStream<Integer, Ev> right = p.source(ListSource.of(RIGHT), WatermarkPolicy.monotonic(Ev::ts)).keyBy(Ev::key);
        CollectingSink<String> out = new CollectingSink<>();
        join.apply(left).apply(right).sink(out);
        PipelineTestDriver driver = PipelineTestDriver.withParallelism(parallelism);
        PhysicalPlan plan = driver.plan(p);
        VertexPlan joinVertex = plan.vertices().stream()
                .filter(v -> v.first().kind() == io.sluice.api.transform.Transform.Kind.JOIN).findFirst().orElseThrow();
        assertThat(joinVertex.inbound()).extracting(EdgePlan::kind).containsOnly(EdgeKind.PARTITIONED).hasSize(2);
        assertThat(joinVertex.inbound()).extracting(EdgePlan::input).containsExactlyInAnyOrder(0, 1);
        driver.run(p);
        return out.items();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void anIntervalJoinFindsExactlyThePairsWithinTheBounds(int parallelism) throws Exception {
        List<String> actual = run(parallelism, l -> r -> l.join(r).interval(
                IntervalJoin.within(Duration.ofMillis(30), Duration.ofMillis(50), EV, EV), (a, b) -> a.id() + "+" + b.id()));
        List<String> expected = new ArrayList<>();
        for (Ev a : LEFT) {
            for (Ev b : RIGHT) {
                if (a.key() == b.key() && b.ts() >= a.ts() - 30 && b.ts() <= a.ts() + 50) {
                    expected.add(a.id() + "+" + b.id());
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aWindowedJoinFindsExactlyThePairsInTheSameWindow(int parallelism) throws Exception {
        List<String> actual = run(parallelism, l -> r -> l.join(r).windowed(
                WindowJoin.of(Windows.tumbling(Duration.ofMillis(500)), EV, EV), (start, end, a, b) -> start + ":" + a.id() + "+" + b.id()));
        List<String> expected = new ArrayList<>();
        for (Ev a : LEFT) {
            for (Ev b : RIGHT) {
                if (a.key() == b.key() && a.ts() / 500 == b.ts() / 500) {
                    expected.add(a.ts() / 500 * 500 + ":" + a.id() + "+" + b.id());
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void anUnboundedJoinFindsEveryPairOfAKey(int parallelism) throws Exception {
        List<String> actual = run(parallelism, l -> r -> l.join(r).unbounded(
                UnboundedJoin.inner(EV, EV), (a, b) -> a.id() + "+" + b.id()));
        long expected = 0;
        for (Ev a : LEFT) {
            for (Ev b : RIGHT) {
                if (a.key() == b.key()) {
                    expected++;
                }
            }
        }
        assertThat(actual).hasSize((int) expected).doesNotHaveDuplicates();
    }
}
