package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.KeyedValue;
import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.api.function.Emitter;
import io.sluice.runtime.op.OperatorException;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineExecutionTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aFusedStatelessChainProducesEveryResultOnce(int parallelism) throws Exception {
        CollectingSink<String> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(range(10_000)))
                .map(x -> x * 3)
                .filter(x -> x % 2 == 0)
                .flatMap((Integer x, Emitter<? super String> e) -> {
                    e.emit("a" + x);
                    e.emit("b" + x);
                })
                .sink(out);

        JobResult result = PipelineTestDriver.withParallelism(parallelism).run(p);

        List<String> expected = range(10_000).stream().map(x -> x * 3).filter(x -> x % 2 == 0)
                .flatMap(x -> java.util.stream.Stream.of("a" + x, "b" + x)).toList();
        assertThat(out.items()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.cancelled()).isFalse();
        assertThat(result.metrics().sourceRecords()).isEqualTo(10_000);
        assertThat(result.metrics().sinkRecords()).isEqualTo(expected.size());
    }

    @Test
    void orderIsKeptOnAForwardChainAtParallelismOne() throws Exception {
        CollectingSink<Integer> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(range(5_000))).map(x -> x + 1).sink(out);

        PipelineTestDriver.create().run(p);

        assertThat(out.items()).containsExactlyElementsOf(range(5_000).stream().map(x -> x + 1).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aRollingCountAcrossAKeyedHopSeesEveryKeyOnOneInstanceInOrder(int parallelism) throws Exception {
        CollectingSink<KeyedValue<Integer, Long>> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(range(20_000)))
                .keyBy(x -> x % 37)
                .aggregate(Aggregations.counting())
                .sink(out);

        PipelineTestDriver.withParallelism(parallelism).run(p);

        Map<Integer, List<Long>> countsPerKey = out.items().stream().collect(Collectors.groupingBy(KeyedValue::key,
                Collectors.mapping(KeyedValue::value, Collectors.toList())));
        assertThat(countsPerKey).hasSize(37);
        countsPerKey.forEach((key, counts) -> {
            long expected = range(20_000).stream().filter(x -> x % 37 == key).count();
            // a rolling count emits 1, 2, 3, ... per key: any loss, duplicate or reordering breaks the sequence
            assertThat(counts).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
        });
    }

    @Test
    void reduceKeepsTheRunningValuePerKey() throws Exception {
        CollectingSink<Integer> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1, 2, 3, 4, 5, 6)).keyBy(x -> x % 2).reduce(Integer::sum).sink(out);

        PipelineTestDriver.withParallelism(2).run(p);

        assertThat(out.items()).containsExactlyInAnyOrder(1, 4, 9, 2, 6, 12);
    }

    @Test
    void unionMergesStreamsOfDifferentParallelism() throws Exception {
        CollectingSink<Integer> out = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        Stream<Integer> a = p.source(ListSource.of(range(1000)));
        Stream<Integer> b = p.source(ListSource.of(range(500))).parallelism(1).map(x -> -x - 1);
        a.union(b).sink(out);

        PipelineTestDriver.withParallelism(2).run(p);

        assertThat(out.items()).hasSize(1500).doesNotHaveDuplicates();
    }

    @Test
    void aFanOutFeedsEveryBranch() throws Exception {
        CollectingSink<Integer> evens = new CollectingSink<>();
        CollectingSink<Integer> all = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        Stream<Integer> s = p.source(ListSource.of(range(3000)));
        s.filter(x -> x % 2 == 0).sink(evens);
        s.sink(all);

        PipelineTestDriver.withParallelism(2).run(p);

        assertThat(evens.items()).hasSize(1500);
        assertThat(all.items()).hasSize(3000);
    }

    @Test
    void aThrowingUserFunctionFailsTheJobNamingTheOperator() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(range(100))).map(x -> 10 / (x - 42)).named("divide").sink(new CollectingSink<>());

        assertThatThrownBy(() -> PipelineTestDriver.withParallelism(2).run(p))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("'divide' (map-1")
                .hasMessageContaining("ArithmeticException")
                .hasRootCauseInstanceOf(ArithmeticException.class)
                .cause().isInstanceOf(OperatorException.class);
    }

    @Test
    void aNullFromMapIsAClearError() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(1)).map(x -> (Object) null).sink(new CollectingSink<>());

        assertThatThrownBy(() -> PipelineTestDriver.create().run(p))
                .hasMessageContaining("map function returned null");
    }

    @Test
    void aSinkThatFailsToCloseFailsTheJob() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of(range(10))).rebalance().map(x -> x).sink(new io.sluice.api.connector.Sink<Integer>() {
            @Override
            public String name() {
                return "disk";
            }

            @Override
            public io.sluice.api.connector.SinkWriter<Integer> createWriter(io.sluice.api.connector.SinkContext context) {
                return new io.sluice.api.connector.SinkWriter<>() {
                    @Override
                    public void write(Integer record) {
                    }

                    @Override
                    public void close() throws java.io.IOException {
                        throw new java.io.IOException("disk full while committing");
                    }
                };
            }
        });

        assertThatThrownBy(() -> PipelineTestDriver.withParallelism(2).run(p))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("disk full while committing");
    }

    @Test
    void aReduceReturningNullIsAClearError() {
        Pipeline p = Pipeline.create();
        p.source(ListSource.of("a", "b", "a")).keyBy(s -> s).reduce((x, y) -> null).named("broken").sink(new CollectingSink<>());

        assertThatThrownBy(() -> PipelineTestDriver.create().run(p))
                .hasMessageContaining("'broken'")
                .hasMessageContaining("returned null");
    }

    @Test
    void cancellingStopsAnUnboundedJobPromptly() throws Exception {
        Pipeline p = Pipeline.create();
        p.source(new EndlessSource()).map(x -> x + 1).keyBy(x -> x % 8)
                .aggregate(Aggregations.counting()).sink(new CountingSink<>(0));
        JobHandle job = PipelineTestDriver.withParallelism(2).start(p);
        Thread.sleep(200);
        assertThat(job.isDone()).isFalse();

        long start = System.nanoTime();
        job.cancel();
        JobResult result = job.join(Duration.ofSeconds(5));

        assertThat(result.cancelled()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.metrics().sourceRecords()).isPositive();
    }
}
