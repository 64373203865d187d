package io.sluice.connectors.gen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.clickstream.Click;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.testing.CollectingOutput;
import io.sluice.connectors.testing.Readers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorSourceTest {

    record UserPage(long userId, String page) {
    }

    @Test
    void boundedSourceEmitsExactlyTheRequestedEventsThenEnds() throws Exception {
        Source<NexmarkEvent> source = Connectors.source("gen:nexmark?events=1000", Codecs.json(NexmarkEvent.class));
        assertThat(source.isBounded()).isTrue();
        assertThat(source.maxParallelism()).isEqualTo(Integer.MAX_VALUE);
        assertThat(source.name()).isEqualTo("gen:nexmark?events=1000");
        SourceReader<NexmarkEvent> reader = Readers.open(source, 1).get(0);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        Readers.drain(reader, out, 64);
        assertThat(out.records).hasSize(1000);
        assertThat(reader.read(out, 64)).isEqualTo(ReadStatus.END_OF_INPUT);
        assertThat(out.records).hasSize(1000);
    }

    @Test
    void unboundedWithoutEvents() throws Exception {
        Source<Click> source = Connectors.source("gen:clickstream", Codecs.json(Click.class));
        assertThat(source.isBounded()).isFalse();
        SourceReader<Click> reader = Readers.open(source, 1).get(0);
        CollectingOutput<Click> out = new CollectingOutput<>();
        for (int i = 0; i < 10; i++) {
            assertThat(reader.read(out, 1000)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        }
        assertThat(out.records).hasSize(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nexmark", "clickstream", "nexmark?partitions=2&", "nexmark?partitions=4&"})
    void outputIsTheSameForAnyParallelism(String name) throws Exception {
        String uri = "gen:" + name + (name.endsWith("&") ? "" : "?") + "events=20000&seed=7";
        List<Object> expected = globalOrder(uri, 1);
        assertThat(expected).hasSize(20_000);
        assertThat(globalOrder(uri, 2)).isEqualTo(expected);
        assertThat(globalOrder(uri, 3)).isEqualTo(expected);
    }

    /** Reads with {@code parallelism} instances and puts event k+jP of instance k back at position k+jP. */
    private static List<Object> globalOrder(String uri, int parallelism) throws Exception {
        Source<Object> source = Connectors.source(uri, Codecs.json(Object.class));
        List<SourceReader<Object>> readers = Readers.open(source, parallelism);
        List<List<Object>> perInstance = new ArrayList<>();
        for (SourceReader<Object> reader : readers) {
            CollectingOutput<Object> out = new CollectingOutput<>();
            Readers.drain(reader, out, 333);
            assertThat(out.lateRecords).isZero();
            perInstance.add(out.records);
        }
        List<Object> all = new ArrayList<>();
        for (int i = 0; all.size() < perInstance.stream().mapToInt(List::size).sum(); i++) {
            all.add(perInstance.get(i % parallelism).get(i / parallelism));
        }
        return all;
    }

    @Test
    void recordsCarryTheirEventTimeAndEachBatchEndsWithAWatermark() throws Exception {
        Source<NexmarkEvent> source = Connectors.source("gen:nexmark?events=5000", Codecs.json(NexmarkEvent.class));
        SourceReader<NexmarkEvent> reader = Readers.open(source, 1).get(0);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        reader.read(out, 500);
        long max = Long.MIN_VALUE;
        for (int i = 0; i < out.records.size(); i++) {
            assertThat(out.timestamps.get(i)).isEqualTo(out.records.get(i).dateTime());
            max = Math.max(max, out.timestamps.get(i));
        }
        assertThat(out.watermarks).containsExactly(max - 200);
        Readers.drain(reader, out, 500);
        assertThat(out.watermarks).hasSize(10);
        assertThat(out.lateRecords).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nexmark", "clickstream", "nexmark?partitions=2&"})
    void restoredReadersContinueWithoutLossOrDuplicates(String name) throws Exception {
        String uri = "gen:" + name + (name.endsWith("&") ? "" : "?") + "events=9000&seed=3";
        List<Object> expected = globalOrder(uri, 1);

        Source<Object> source = Connectors.source(uri, Codecs.json(Object.class));
        List<SourceReader<Object>> readers = Readers.open(source, 3);
        List<CollectingOutput<Object>> outs = List.of(new CollectingOutput<>(), new CollectingOutput<>(),
                new CollectingOutput<>());
        List<SourceSplit> snapshot = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Readers.readAtMost(readers.get(k), outs.get(k), 1000 + 7 * k, 128);
            snapshot.addAll(Readers.checkpoint(source, readers.get(k), 1));
            // Records after the snapshot are lost in the "crash"; the restore must make them again.
            readers.get(k).read(new CollectingOutput<>(), 50);
            readers.get(k).close();
        }
        // Restore 3 splits onto 2 instances.
        List<List<SourceSplit>> assignment = Readers.assign(snapshot, 2);
        List<Object> all = new ArrayList<>();
        outs.forEach(o -> all.addAll(o.records));
        for (SourceReader<Object> reader : Readers.openWith(source, assignment)) {
            CollectingOutput<Object> out = new CollectingOutput<>();
            Readers.drain(reader, out, 100);
            all.addAll(out.records);
        }
        assertThat(all).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSplitThatCutsAcrossPartitionsIsRefused() {
        Source<Object> source = Connectors.source("gen:nexmark?events=100&partitions=4", Codecs.json(Object.class));
        // as if restored from a checkpoint of the same URI with partitions=1 at parallelism 2
        List<SourceSplit> restored = List.of(new GeneratorSplit(0, 2, 0));
        assertThatThrownBy(() -> source.createReader(Readers.context(0, 1, restored)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("split gen-00000-of-2 cuts across the stream's 4 partitions");
    }

    /** Strides that are multiples of both the partitions (no split cuts across one) and the parallelism. */
    @Test
    void partitionedStreamsAreSplitInStridesOfThePartitions() throws Exception {
        int[][] cases = {{1, 1, 1}, {1, 2, 2}, {2, 1, 2}, {2, 2, 2}, {2, 3, 6}, {4, 2, 4}, {4, 6, 12}, {8, 12, 24}};
        for (int[] c : cases) {
            Source<Object> source = Connectors.source("gen:nexmark?events=100&partitions=" + c[0],
                    Codecs.json(Object.class));
            List<SourceSplit> splits = source.createSplits(c[1]);
            assertThat(splits).as("partitions %d, parallelism %d", c[0], c[1]).hasSize(c[2])
                    .allSatisfy(sp -> assertThat(((GeneratorSplit) sp).stride()).isEqualTo(c[2]));
        }
    }

    @Test
    void readerWithSeveralSplitsEmitsInGlobalOrder() throws Exception {
        Source<Object> source = Connectors.source("gen:nexmark?events=300", Codecs.json(Object.class));
        List<SourceSplit> splits = source.createSplits(3);
        SourceReader<Object> reader = source.createReader(Readers.context(0, 1, splits));
        CollectingOutput<Object> out = new CollectingOutput<>();
        Readers.drain(reader, out, 50);
        assertThat(out.records).isEqualTo(globalOrder("gen:nexmark?events=300", 1));
    }

    @Test
    void rateThrottlesAgainstTheClockWithoutBlocking() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Source<NexmarkEvent> source = new GeneratorConnectorFactory().createSource(
                ConnectorUri.parse("gen:nexmark?rate=1000"), Codecs.json(NexmarkEvent.class), nanos::get);
        SourceReader<NexmarkEvent> reader = Readers.open(source, 1).get(0);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();

        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        assertThat(out.records).hasSize(1); // event 0 is due at once
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
        assertThat(out.records).hasSize(1);

        nanos.addAndGet(10_000_000L); // 10 ms: events 1..10 are due
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        assertThat(out.records).hasSize(11);
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);

        nanos.addAndGet(1_000_000_000L); // behind schedule: catch up, but never more than maxRecords per call
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        assertThat(out.records).hasSize(111);
    }

    @Test
    void rateIsSharedBetweenInstances() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Source<NexmarkEvent> source = new GeneratorConnectorFactory().createSource(
                ConnectorUri.parse("gen:nexmark?rate=1000"), Codecs.json(NexmarkEvent.class), nanos::get);
        List<SourceReader<NexmarkEvent>> readers = Readers.open(source, 2);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        readers.get(0).read(out, 1000);
        readers.get(1).read(out, 1000);
        nanos.addAndGet(100_000_000L); // 100 ms: 100 more events in total
        readers.get(0).read(out, 1000);
        readers.get(1).read(out, 1000);
        assertThat(out.records).hasSize(102);
    }

    @Test
    void rateWithTheRealClockReturnsNothingAvailableWhenAhead() throws Exception {
        Source<NexmarkEvent> source = Connectors.source("gen:nexmark?rate=1", Codecs.json(NexmarkEvent.class));
        SourceReader<NexmarkEvent> reader = Readers.open(source, 1).get(0);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        assertThat(reader.read(out, 100)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
        assertThat(out.records).hasSize(1);
    }

    @Test
    void rateSetsTheEventTimeSpacing() throws Exception {
        Source<Object> source = Connectors.source("gen:clickstream?rate=1000000&events=3000", Codecs.json(Object.class));
        SourceReader<Object> reader = Readers.open(source, 1).get(0);
        CollectingOutput<Object> out = new CollectingOutput<>();
        Readers.drain(reader, out, 1000);
        long max = out.timestamps.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(max).isEqualTo(EventTime.BASE_EPOCH_MILLIS + 2); // 3000 events at 1 µs each
    }

    @Test
    void otherCodecsGetTheEventsJson() throws Exception {
        Source<String> lines = Connectors.source("gen:nexmark?events=100", Codecs.strings());
        CollectingOutput<String> out = new CollectingOutput<>();
        Readers.drain(Readers.open(lines, 1).get(0), out, 100);
        List<Object> events = globalOrder("gen:nexmark?events=100", 1);
        Codec<NexmarkEvent> json = Codecs.json(NexmarkEvent.class);
        for (int i = 0; i < 100; i++) {
            assertThat(out.records.get(i)).isEqualTo(new String(json.encode((NexmarkEvent) events.get(i)), UTF_8));
        }

        Source<UserPage> pojo = Connectors.source("gen:clickstream?events=10", Codecs.json(UserPage.class));
        CollectingOutput<UserPage> pages = new CollectingOutput<>();
        Readers.drain(Readers.open(pojo, 1).get(0), pages, 100);
        List<Object> clicks = globalOrder("gen:clickstream?events=10", 1);
        for (int i = 0; i < 10; i++) {
            Click click = (Click) clicks.get(i);
            assertThat(pages.records.get(i)).isEqualTo(new UserPage(click.userId(), click.page()));
        }
    }

    @Test
    void splitCodecRoundTripsAndRejectsGarbage() throws IOException {
        Codec<SourceSplit> codec = GeneratorSplitCodec.INSTANCE;
        GeneratorSplit split = new GeneratorSplit(2, 5, 123_456_789_012L);
        byte[] bytes = codec.encode(split);
        assertThat(bytes).hasSize(17);
        assertThat(codec.decode(bytes)).isEqualTo(split);
        bytes[0] = 9;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(IOException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> codec.decode(new byte[3])).isInstanceOf(IOException.class);
    }

    @Test
    void badUrisAreRejectedWithOneLineMessages() {
        Codec<Object> codec = Codecs.json(Object.class);
        assertThatThrownBy(() -> Connectors.source("gen:nexmark?evnts=10", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [evnts]");
        assertThatThrownBy(() -> Connectors.source("gen:bogus", codec))
                .isInstanceOf(BadInputException.class)
                .hasMessage("connector URI 'gen:bogus': unknown generator 'bogus' (known: clickstream, nexmark)");
        assertThatThrownBy(() -> Connectors.source("gen:nexmark?rate=0", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'rate' must be between 1 and");
        assertThatThrownBy(() -> Connectors.source("gen:nexmark?events=lots", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'events' must be a non-negative integer");
        assertThatThrownBy(() -> Connectors.source("gen:nexmark?partitions=3", codec))
                .isInstanceOf(BadInputException.class)
                .hasMessage("connector URI 'gen:nexmark?partitions=3': 'partitions' must be a power of two from 1 to 8,"
                        + " got '3'");
        for (String bad : List.of("0", "-2", "16", "-9223372036854775808")) {
            assertThatThrownBy(() -> Connectors.source("gen:nexmark?partitions=" + bad, codec))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("'partitions' must be");
        }
        assertThatThrownBy(() -> Connectors.source("gen:bogus?partitions=2", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown generator 'bogus'");
        assertThatThrownBy(() -> Connectors.source("gen:clickstream?partitions=2", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'partitions' applies to gen:nexmark only");
        assertThatThrownBy(() -> Connectors.sink("gen:nexmark", codec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be used as a sink");
    }
}
