package io.sluice.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.testing.CollectingOutput;
import io.sluice.connectors.testing.Readers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    static String bid(int i) {
        return "{\"type\":\"bid\",\"auction\":" + i + ",\"bidder\":1,\"price\":" + (100 + i)
                + ",\"channel\":\"Google\",\"url\":\"u\",\"dateTime\":" + (1000 + i) + ",\"extra\":\"\"}";
    }

    static Bid bidRecord(int i) {
        return new Bid(i, 1, 100 + i, "Google", "u", 1000 + i, "");
    }

    @Test
    void readsJsonLinesSkippingBlankLinesWithCrlfAndNoFinalNewline() throws Exception {
        Path file = write("events.jsonl", bid(1) + "\n\n   \r\n" + bid(2) + "\r\n" + bid(3));
        Source<NexmarkEvent> source = Connectors.source("file:" + file, Codecs.json(NexmarkEvent.class));
        assertThat(source.isBounded()).isTrue();
        assertThat(source.maxParallelism()).isEqualTo(1);
        assertThat(source.createSplits(4)).hasSize(1);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        Readers.drain(Readers.open(source, 1).get(0), out, 10);
        assertThat(out.records).containsExactly(bidRecord(1), bidRecord(2), bidRecord(3));
        assertThat(out.timestamps).containsOnly(CollectingOutput.NO_TIMESTAMP);
    }

    @Test
    void malformedLineNamesFileAndLine() throws Exception {
        Path file = write("events.jsonl", bid(1) + "\n" + bid(2) + "\n\n{\"type\":\"bid\",\"auction\":oops}\n" + bid(3));
        Source<NexmarkEvent> source = Connectors.source("file:" + file, Codecs.json(NexmarkEvent.class));
        SourceReader<NexmarkEvent> reader = Readers.open(source, 1).get(0);
        CollectingOutput<NexmarkEvent> out = new CollectingOutput<>();
        assertThatThrownBy(() -> Readers.drain(reader, out, 10))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":4: invalid JSON for NexmarkEvent at column ")
                .hasMessageContaining("Unrecognized token 'oops'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(out.records).hasSize(2);
    }

    @Test
    void missingFileFailsWhenTheSourceIsCreated() {
        Path missing = dir.resolve("nope/events.jsonl");
        assertThatThrownBy(() -> Connectors.source("file:" + missing, Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("connector URI 'file:" + missing + "': no such file: " + missing);
        assertThatThrownBy(() -> Connectors.source("file:" + dir, Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no *.jsonl files");
        assertThatThrownBy(() -> Connectors.source("file:", Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> Connectors.source("file://host/x.jsonl", Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("with a host");
    }

    @Test
    void parametersAreRejected() throws Exception {
        Path file = write("a.jsonl", bid(1));
        assertThatThrownBy(() -> Connectors.source("file:" + file + "?glob=x", Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [glob]; known: [dlq, onError]");
    }

    @Test
    void acceptsTripleSlashAndRelativePaths() throws Exception {
        Path file = write("a.jsonl", bid(1) + "\n");
        assertThat(readAll(Connectors.source("file://" + file, Codecs.json(Bid.class)), 10)).containsExactly(bidRecord(1));

        Path relative = Path.of("target", "file-source-test", "relative.jsonl");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, bid(7) + "\n");
        assertThat(readAll(Connectors.source("file:" + relative, Codecs.json(Bid.class)), 10))
                .containsExactly(bidRecord(7));
    }

    @Test
    void aDirectoryGivesOneSplitPerJsonlFile() throws Exception {
        write("b.jsonl", bid(3) + "\n" + bid(4) + "\n");
        write("a.jsonl", bid(1) + "\n" + bid(2) + "\n");
        write("c.txt", "not json\n");
        Source<Bid> source = Connectors.source("file:" + dir, Codecs.json(Bid.class));
        assertThat(source.maxParallelism()).isEqualTo(2);
        assertThat(source.createSplits(2)).extracting(SourceSplit::splitId)
                .containsExactly(dir.resolve("a.jsonl").toString(), dir.resolve("b.jsonl").toString());
        assertThat(readAll(source, 1)).containsExactly(bidRecord(1), bidRecord(2), bidRecord(3), bidRecord(4));
        List<SourceReader<Bid>> readers = Readers.open(source, 2);
        CollectingOutput<Bid> second = new CollectingOutput<>();
        Readers.drain(readers.get(1), second, 10);
        assertThat(second.records).containsExactly(bidRecord(3), bidRecord(4));
    }

    @Test
    void emitsAtMostMaxRecordsPerCall() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append(bid(i)).append('\n');
        }
        Source<Bid> source = Connectors.source("file:" + write("many.jsonl", text.toString()), Codecs.json(Bid.class));
        SourceReader<Bid> reader = Readers.open(source, 1).get(0);
        CollectingOutput<Bid> out = new CollectingOutput<>();
        assertThat(reader.read(out, 7)).isEqualTo(ReadStatus.MORE_AVAILABLE);
        assertThat(out.records).hasSize(7);
        Readers.drain(reader, out, 7); // drain asserts the per-call bound
        assertThat(out.records).hasSize(100);
    }

    @Test
    void linesAcrossBufferBoundariesOfAnySize() throws Exception {
        Random random = new Random(1);
        List<String> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder("\uFEFF"); // a byte-order mark, skipped
        for (int i = 0; i < 200; i++) {
            String line = "x".repeat(random.nextInt(40)) + "é" + i;
            lines.add(line);
            text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        Path file = write("lines.jsonl", text.toString());
        for (int bufferSize = 1; bufferSize <= 70; bufferSize += 3) {
            FileSourceReader<String> reader = new FileSourceReader<>(Codecs.strings(),
                    List.of(FileSplit.start(file.toString())), bufferSize);
            CollectingOutput<String> out = new CollectingOutput<>();
            Readers.drain(reader, out, 13);
            assertThat(out.records).as("buffer size %d", bufferSize).isEqualTo(lines);
        }
    }

    @Test
    void restoresFromAnySnapshotWithoutLossOrDuplicates() throws Exception {
        StringBuilder text = new StringBuilder();
        List<Bid> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            text.append(bid(i)).append(i % 5 == 0 ? "\n\n" : "\n");
            expected.add(bidRecord(i));
        }
        Path file = write("events.jsonl", text.toString());
        Source<Bid> source = Connectors.source("file:" + file, Codecs.json(Bid.class));
        for (int cut = 0; cut <= 40; cut++) {
            FileSourceReader<Bid> first = new FileSourceReader<>(Codecs.json(Bid.class),
                    List.of(FileSplit.start(file.toString())), 64);
            CollectingOutput<Bid> out = new CollectingOutput<>();
            Readers.readAtMost(first, out, cut, 3);
            List<SourceSplit> snapshot = Readers.checkpoint(source, first, 1);
            first.read(new CollectingOutput<>(), 5); // lost in the crash
            first.close();
            SourceReader<Bid> restored = Readers.openWith(source, List.of(snapshot)).get(0);
            Readers.drain(restored, out, 4);
            assertThat(out.records).as("cut after %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void errorLineNumbersAreRightAfterARestore() throws Exception {
        Path file = write("events.jsonl", bid(1) + "\n" + bid(2) + "\n" + bid(3) + "\nbroken\n");
        Source<Bid> source = Connectors.source("file:" + file, Codecs.json(Bid.class));
        SourceReader<Bid> reader = Readers.open(source, 1).get(0);
        Readers.readAtMost(reader, new CollectingOutput<>(), 2, 1);
        SourceReader<Bid> restored = Readers.openWith(source, List.of(Readers.checkpoint(source, reader, 1))).get(0);
        assertThatThrownBy(() -> Readers.drain(restored, new CollectingOutput<>(), 10))
                .hasMessageStartingWith(file + ":4: ");
    }

    @Test
    void splitCodecRoundTrips() throws IOException {
        Codec<SourceSplit> codec = FileSplitCodec.INSTANCE;
        FileSplit split = new FileSplit("/tmp/ünï/events.jsonl", 123_456_789_012L, 4242);
        assertThat(codec.decode(codec.encode(split))).isEqualTo(split);
        byte[] bytes = codec.encode(split);
        bytes[0] = 2;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(IOException.class).hasMessageContaining("version 2");
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(UTF_8));
    }

    private static <T> List<T> readAll(Source<T> source, int parallelism) throws Exception {
        List<T> all = new ArrayList<>();
        for (SourceReader<T> reader : Readers.open(source, parallelism)) {
            CollectingOutput<T> out = new CollectingOutput<>();
            Readers.drain(reader, out, 10);
            reader.close();
            all.addAll(out.records);
        }
        return all;
    }
}
