package io.sluice.connectors.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.schema.SchemaId;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.Sinks;
import io.sluice.connectors.testing.SplitCollectingOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleConnectorTest {

    @TempDir
    Path dir;

    static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    void append(String uri, List<String> values) throws Exception {
        Sink<String> sink = Connectors.sink(uri, Codecs.strings());
        try (SinkWriter<String> w = sink.createWriter(Sinks.context(0, 1))) {
            for (String v : values) {
                w.write(v);
            }
            w.flush();
        }
    }

    static <T> void drain(SourceReader<T> reader, SplitCollectingOutput<T> out) throws Exception {
        for (int i = 0; i < 1_000_000; i++) {
            if (reader.read(out, 7) == ReadStatus.END_OF_INPUT) {
                return;
            }
        }
        throw new AssertionError("reader did not end");
    }

    /** The number of records in each excerpt of the queue, in order (version 1 and 2 excerpts hold one). */
    static List<Integer> recordsPerExcerpt(Path queue) {
        List<Integer> counts = new java.util.ArrayList<>();
        ExcerptLayout.Reader header = new ExcerptLayout.Reader();
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue q = ChronicleQueues.open(queue,
                ChronicleQueues.DEFAULT_ROLL, net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE);
             net.openhft.chronicle.queue.ExcerptTailer tailer = q.createTailer()) {
            while (true) {
                try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return counts;
                    }
                    assertThat(header.read(dc.wire().bytes())).as(String.valueOf(header.problem)).isTrue();
                    counts.add(header.count);
                }
            }
        }
    }

    @Test
    void sinkAppendsBatchesOfRecordsAndABoundedSourceReadsThemBackInOrder() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?schema=text:1", values("r", 100));
        assertThat(recordsPerExcerpt(dir.resolve("q"))).as("a full batch, then the rest at flush").containsExactly(64, 36);
        Source<String> source = Connectors.source(uri + "?until=latest", Codecs.strings());
        assertThat(source.isBounded()).isTrue();
        assertThat(source.maxParallelism()).isEqualTo(1);
        List<SourceSplit> splits = source.createSplits(1);
        append(uri, values("late", 5)); // after the stop index captured at start
        SourceReader<String> reader = Readers.openWith(source, List.of(splits)).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        drain(reader, out);
        reader.close();
        assertThat(out.records()).containsExactlyElementsOf(values("r", 100));
        var split = out.splits.get(dir.resolve("q").toString());
        assertThat(split.timestamps).allMatch(t -> Math.abs(t - System.currentTimeMillis()) < 60_000);
        assertThat(split.lastWatermark()).isEqualTo(split.timestamps.stream().mapToLong(Long::longValue).max().getAsLong() - 1);
        assertThat(split.lateRecords).isZero();
    }

    @Test
    void positionIsTheIndexAndARestoredReaderContinuesAfterIt() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?batch=1", values("r", 30));
        Source<String> source = Connectors.source(uri + "?until=latest", Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        reader.read(out, 12);
        List<SourceSplit> snapshot = Readers.checkpoint(source, reader, 1);
        reader.close();
        assertThat(((ChronicleSplit) snapshot.get(0)).after()).isTrue();
        SourceReader<String> restored = Readers.openWith(source, List.of(snapshot)).get(0);
        SplitCollectingOutput<String> rest = new SplitCollectingOutput<>();
        drain(restored, rest);
        restored.close();
        assertThat(Stream.concat(out.records().stream(), rest.records().stream())).containsExactlyElementsOf(values("r", 30));
        assertThat(rest.records()).hasSize(18);
    }

    @Test
    void aCheckpointInsideABatchRestoresToTheNextRecordOfThatExcerpt() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?batch=10", values("r", 25)); // excerpts of 10, 10 and 5 records
        Source<String> source = Connectors.source(uri + "?until=latest", Codecs.strings());
        List<String> seen = new java.util.ArrayList<>();
        List<SourceSplit> position = source.createSplits(1);
        // read 3, 3, 6, 1, ... records between checkpoints: positions inside excerpts, at their ends and across them
        int[] steps = {3, 3, 6, 1, 7, 5};
        for (int step : steps) {
            SourceReader<String> reader = Readers.openWith(source, List.of(position)).get(0);
            SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
            reader.read(out, step);
            seen.addAll(out.records());
            position = Readers.checkpoint(source, reader, 1);
            reader.close();
            ChronicleSplit split = (ChronicleSplit) position.get(0);
            assertThat(split.after() ? 0 : split.offset()).as("records of the excerpt read after %d", seen.size())
                    .isEqualTo(seen.size() == 25 ? 0 : seen.size() % 10);
        }
        assertThat(seen).containsExactlyElementsOf(values("r", 25));
        ChronicleSplit end = (ChronicleSplit) position.get(0);
        assertThat(end.after()).as("the last record read: after the last excerpt").isTrue();
    }

    @Test
    void aPartialBatchIsAppendedAtFlushAndAtCloseAndRecordsWaitForNothingElse() throws Exception {
        Path q = dir.resolve("q");
        Sink<String> sink = Connectors.sink("chronicle:" + q, Codecs.strings());
        SinkWriter<String> w = sink.createWriter(Sinks.context(0, 1));
        w.write("a");
        w.write("b");
        w.flush(); // the end of a batch of the worker
        SourceReader<String> tail = Readers.open(Connectors.source("chronicle:" + q, Codecs.strings()), 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        tail.read(out, 100);
        assertThat(out.records()).containsExactly("a", "b");
        w.write("c");
        w.close(); // no flush: close appends what it holds
        tail.read(out, 100);
        tail.close();
        assertThat(out.records()).containsExactly("a", "b", "c");
        assertThat(recordsPerExcerpt(q)).containsExactly(2, 1);
    }

    @Test
    void batchOneWritesTheLayoutOfOneRecordPerExcerptAndReadersTakeBothInOneQueue() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?batch=1", values("old", 3));
        append(uri + "?batch=2", values("new", 3));
        assertThat(recordsPerExcerpt(dir.resolve("q"))).containsExactly(1, 1, 1, 2, 1);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source(uri + "?until=latest", Codecs.strings()), 1).get(0), out);
        assertThat(out.records()).containsExactly("old0", "old1", "old2", "new0", "new1", "new2");
        for (String bad : List.of("0", "65537", "x")) {
            assertThatThrownBy(() -> Connectors.sink(uri + "?batch=" + bad, Codecs.strings()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("'batch'");
        }
    }

    @Test
    void aRateReplaysNoFasterThanItSays() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri, values("r", 2_000));
        SourceReader<String> reader = Readers.open(Connectors.source(uri + "?until=latest&rate=10000", Codecs.strings()), 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        long t0 = System.nanoTime();
        reader.read(out, 1_000);
        assertThat(out.records()).as("due at once: one excerpt, not a batch").hasSizeLessThan(10);
        long deadline = t0 + 30_000_000_000L;
        while (reader.read(out, 1_000) != ReadStatus.END_OF_INPUT && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        reader.close();
        assertThat(out.records()).containsExactlyElementsOf(values("r", 2_000));
        assertThat(millis).as("2,000 excerpts at 10,000/s").isGreaterThanOrEqualTo(199);
        assertThatThrownBy(() -> Connectors.source(uri + "?rate=0", Codecs.strings())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'rate' must be a positive number");
    }

    @Test
    void unboundedSourceTailsWithoutBlocking() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri, values("a", 3));
        Source<String> source = Connectors.source(uri + "?from=latest", Codecs.strings());
        assertThat(source.isBounded()).isFalse();
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        long t0 = System.nanoTime();
        assertThat(reader.read(out, 10)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(1).toNanos());
        append(uri, values("b", 4));
        for (int i = 0; i < 1000 && out.records().size() < 4; i++) {
            reader.read(out, 10);
        }
        reader.close();
        assertThat(out.records()).containsExactlyElementsOf(values("b", 4));
    }

    @Test
    void startsAtAnIndexOrAtAWriteTime() throws Exception {
        Path q = dir.resolve("q");
        SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-01-01T00:00:00Z"));
        ChronicleSink<String> sink = new ChronicleSink<>("test", q, RollCycles.FAST_HOURLY, null, Codecs.strings(), null,
                ChronicleConnectorFactory.DEFAULT_BATCH, clock);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        try (SinkWriter<String> w = sink.createWriter(Sinks.context(0, 1))) {
            for (int i = 0; i < 10_000; i++) { // one record a second: spans three hourly cycles
                clock.currentTimeMillis(start + i * 1_000L);
                w.write("r" + i);
                w.flush(); // a record a second is a batch of the worker each
            }
        }
        long t = start + 7_300_000L;
        SplitCollectingOutput<String> fromTime = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source("chronicle:" + q + "?until=latest&from=" + t, Codecs.strings()), 1).get(0), fromTime);
        assertThat(fromTime.records().get(0)).isEqualTo("r7300");
        assertThat(fromTime.records()).hasSize(10_000 - 7_300);

        SplitCollectingOutput<String> all = new SplitCollectingOutput<>();
        SourceReader<String> reader = Readers.open(Connectors.source("chronicle:" + q + "?until=latest", Codecs.strings()), 1).get(0);
        reader.read(all, 5_000);
        long index = ((ChronicleSplit) reader.snapshotSplits(1).get(0)).index(); // index of r4999
        reader.close();
        SplitCollectingOutput<String> fromIndex = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source("chronicle:" + q + "?until=latest&from=index:" + index, Codecs.strings()), 1).get(0), fromIndex);
        assertThat(fromIndex.records().get(0)).isEqualTo("r4999");
        assertThatThrownBy(() -> Connectors.source("chronicle:" + q + "?from=index:12345", Codecs.strings()).createSplits(1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no excerpt at index 12345");
    }

    @Test
    void retentionDeletesCyclesThatEndedLongerAgoThanItAndReadersContinueWithWhatIsLeft() throws Exception {
        Path q = dir.resolve("q");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SetTimeProvider clock = new SetTimeProvider(t0);
        ChronicleSink<String> sink = new ChronicleSink<>("test", q, RollCycles.FAST_HOURLY, Duration.ofHours(2),
                Codecs.strings(), SchemaId.of("text", 1), ChronicleConnectorFactory.DEFAULT_BATCH, clock);
        ChronicleSinkWriter<String> w = (ChronicleSinkWriter<String>) sink.createWriter(Sinks.context(0, 1));
        for (int hour = 0; hour < 6; hour++) {
            clock.currentTimeMillis(t0.plus(Duration.ofHours(hour).plusMinutes(30)).toEpochMilli());
            w.write("h" + hour + "-a");
            w.write("h" + hour + "-b");
            w.flush();
        }
        // at 05:30 with 2 h retention: cycles 00, 01 and 02 ended at or before 03:30 -> deleted; 03 ends at 04:00 -> kept
        assertThat(w.deletedCycles()).isEqualTo(3);
        try (Stream<Path> files = Files.list(q)) {
            assertThat(files.filter(f -> f.toString().endsWith(".cq4")).count()).isEqualTo(3);
        }
        w.close();
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source("chronicle:" + q + "?until=latest", Codecs.strings()), 1).get(0), out);
        assertThat(out.records()).containsExactly("h3-a", "h3-b", "h4-a", "h4-b", "h5-a", "h5-b");
    }

    public record Event(String user, long n) {
    }

    @Test
    void anIncompatibleWriterSchemaIsRefusedAtStart() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?schema=event:1", List.of("{\"user\":\"a\",\"n\":1}"));
        append(uri + "?schema=event:3", List.of("{\"user\":\"a\",\"n\":2}"));
        Source<Event> source = Connectors.source(uri + "?until=latest",
                io.sluice.connectors.schema.Schemas.json(Event.class, "event", 2));
        assertThatThrownBy(() -> source.createSplits(1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("incompatible schema at index")
                .hasMessageContaining("event:3 is not readable by event:2 (BACKWARD: event versions <= 2); nothing was processed");
        Source<Event> forward = Connectors.source(uri + "?until=latest&schema=event:1&compat=forward", Codecs.json(Event.class));
        SplitCollectingOutput<Event> out = new SplitCollectingOutput<>();
        drain(Readers.open(forward, 1).get(0), out);
        assertThat(out.records()).containsExactly(new Event("a", 1), new Event("a", 2));
    }

    @Test
    void poisonExcerptsFailOrGoToTheDeadLetterSink() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri, List.of("{\"user\":\"a\",\"n\":1}", "oops", "{\"user\":\"a\",\"n\":3}"));
        Source<Event> failing = Connectors.source(uri + "?until=latest", Codecs.json(Event.class));
        SourceReader<Event> reader = Readers.open(failing, 1).get(0);
        assertThatThrownBy(() -> drain(reader, new SplitCollectingOutput<>())).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(uri + "?until=latest at index ").hasMessageContaining(":1: invalid JSON for Event");
        reader.close();

        Path dlq = dir.resolve("dlq.jsonl");
        Source<Event> lenient = Connectors.source(uri + "?until=latest&onError=dlq&dlq="
                + java.net.URLEncoder.encode("file:" + dlq, java.nio.charset.StandardCharsets.UTF_8), Codecs.json(Event.class));
        assertThat(lenient.name()).isEqualTo(uri + "?until=latest&onError=dlq");
        SourceReader<Event> r2 = Readers.open(lenient, 1).get(0);
        SplitCollectingOutput<Event> out = new SplitCollectingOutput<>();
        drain(r2, out);
        r2.close();
        assertThat(out.records()).containsExactly(new Event("a", 1), new Event("a", 3));
        List<String> letters = Files.readAllLines(dlq);
        assertThat(letters).hasSize(1);
        String position = letters.get(0).replaceAll(".*\"position\":\"index (\\d+):(\\d+)\".*", "$1:$2");
        assertThat(position).as("index:record of the bad one").endsWith(":1");
        SplitCollectingOutput<String> fromIt = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source(uri + "?until=latest&from=index:" + position, Codecs.strings()), 1).get(0), fromIt);
        assertThat(fromIt.records()).as("from= takes the position a dead letter names").containsExactly("oops",
                "{\"user\":\"a\",\"n\":3}");
        assertThat(letters.get(0)).contains("\"position\":\"index ", "\"error\":\"invalid JSON for Event",
                "\"bytes\":\"" + java.util.Base64.getEncoder().encodeToString("oops".getBytes()) + "\"");
        assertThat(((io.sluice.api.connector.BadRecordCounter) lenient).badRecords()).isEqualTo(1);
    }

    @Test
    void excerptsWrittenFieldByFieldThroughChronicleBytesReadBack() throws Exception {
        // the layout as the first version of the sink wrote it: one Bytes call per header field
        Path q = dir.resolve("q");
        byte[] schema = "text:1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue =
                     ChronicleQueues.open(q, ChronicleQueues.DEFAULT_ROLL, net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE);
             net.openhft.chronicle.queue.ExcerptAppender appender = queue.createAppender()) {
            for (int i = 0; i < 3; i++) {
                try (net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument()) {
                    net.openhft.chronicle.bytes.Bytes<?> b = dc.wire().bytes();
                    b.writeByte(ExcerptLayout.VERSION);
                    b.writeLong(1_767_225_600_000L + i);
                    b.writeUnsignedShort(schema.length);
                    b.write(schema);
                    b.write(("r" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source("chronicle:" + q + "?until=latest&schema=text:1", Codecs.strings()), 1).get(0), out);
        assertThat(out.records()).containsExactly("r0", "r1", "r2");
        assertThat(out.splits.get(q.toString()).timestamps).containsExactly(1_767_225_600_000L, 1_767_225_600_001L,
                1_767_225_600_002L);
    }

    @Test
    void uriChecks() {
        assertThatThrownBy(() -> Connectors.source("chronicle:" + dir.resolve("missing"), Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no queue directory");
        assertThatThrownBy(() -> Connectors.sink("chronicle:" + dir + "?roll=FORTNIGHTLY", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown roll cycle 'FORTNIGHTLY'");
        assertThatThrownBy(() -> Connectors.sink("chronicle:" + dir + "?retention=soon", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'retention'");
        assertThatThrownBy(() -> Connectors.source("chronicle:" + dir + "?from=yesterday", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'from' must be");
        assertThat(ChronicleQueues.rollCycle(ConnectorUri.parse("chronicle:/x?roll=minutely")).lengthInMillis()).isEqualTo(60_000);
        assertThat(ChronicleQueues.rollCycle(ConnectorUri.parse("chronicle:/x?roll=TEST_SECONDLY")).lengthInMillis()).isEqualTo(1_000);
    }

    @Test
    void splitCodecRoundTripsAndReadsTheVersionBeforeOffsets() throws Exception {
        ChronicleSplitCodec codec = ChronicleSplitCodec.INSTANCE;
        for (ChronicleSplit s : List.of(new ChronicleSplit("/q", ChronicleSplit.START, false, ChronicleSplit.UNBOUNDED),
                new ChronicleSplit("/q", 123_456_789_012L, true, 223_456_789_012L),
                new ChronicleSplit("/q", 123_456_789_012L, false, 17, ChronicleSplit.UNBOUNDED),
                new ChronicleSplit("/q", ChronicleSplit.START, false, ChronicleSplit.EMPTY))) {
            assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        }
        // a checkpoint taken before batches: version 1, no offset
        byte[] dirBytes = "/q".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] v1 = java.nio.ByteBuffer.allocate(5 + dirBytes.length + 17).put((byte) 1).putInt(dirBytes.length).put(dirBytes)
                .putLong(42).put((byte) 1).putLong(ChronicleSplit.UNBOUNDED).array();
        assertThat(codec.decode(v1)).isEqualTo(new ChronicleSplit("/q", 42, true, ChronicleSplit.UNBOUNDED));
        v1[0] = 7;
        assertThatThrownBy(() -> codec.decode(v1)).hasMessageContaining("unknown chronicle split version 7");
    }

    @Test
    void fromAnIndexAndARecordStartsInsideABatch() throws Exception {
        String uri = "chronicle:" + dir.resolve("q");
        append(uri + "?batch=10", values("r", 25));
        Source<String> source = Connectors.source(uri + "?until=latest", Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        reader.read(new SplitCollectingOutput<>(), 13);
        ChronicleSplit at = (ChronicleSplit) reader.snapshotSplits(1).get(0);
        reader.close();
        assertThat(at.offset()).isEqualTo(3);
        for (String from : List.of("index:" + at.index() + ":3", "index:0x" + Long.toHexString(at.index()) + ":3")) {
            SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
            drain(Readers.open(Connectors.source(uri + "?until=latest&from=" + from, Codecs.strings()), 1).get(0), out);
            assertThat(out.records()).as(from).containsExactlyElementsOf(values("r", 25).subList(13, 25));
        }
        SplitCollectingOutput<String> whole = new SplitCollectingOutput<>();
        drain(Readers.open(Connectors.source(uri + "?until=latest&from=index:" + at.index(), Codecs.strings()), 1).get(0), whole);
        assertThat(whole.records().get(0)).as("index:<n> is the excerpt's first record").isEqualTo("r10");
        assertThatThrownBy(() -> Connectors.source(uri + "?from=index:" + at.index() + ":10", Codecs.strings()).createSplits(1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds 10 record(s), so it has no record 10");
        assertThatThrownBy(() -> Connectors.source(uri + "?from=index:1:-1", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("index:<n>:<record>");
    }
}
