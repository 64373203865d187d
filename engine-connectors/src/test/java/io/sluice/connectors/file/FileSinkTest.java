package io.sluice.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.connectors.testing.CollectingOutput;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.Sinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // SinkWriter.close() throws Exception, as the SPI declares
class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerRecordCreatingParentsAndTruncating() throws Exception {
        Path file = dir.resolve("out/deeper/result.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old content that must go away\n".repeat(100));
        Sink<String> sink = Connectors.sink("file:" + file, Codecs.strings());
        assertThat(sink.maxParallelism()).isEqualTo(1);
        try (SinkWriter<String> writer = sink.createWriter(Sinks.context(0, 1))) {
            writer.write("a");
            writer.write("b");
            writer.flush();
            assertThat(Files.readString(file)).isEqualTo("a\nb\n");
            writer.write("c");
        }
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");

        Path fresh = dir.resolve("new/dir/x.jsonl");
        try (SinkWriter<String> writer = Connectors.sink("file:" + fresh, Codecs.strings()).createWriter(Sinks.context(0, 1))) {
            writer.write("only");
        }
        assertThat(Files.readString(fresh)).isEqualTo("only\n");
    }

    @Test
    void whatTheSinkWritesTheSourceReadsBack() throws Exception {
        Source<NexmarkEvent> generated = Connectors.source("gen:nexmark?events=5000", Codecs.json(NexmarkEvent.class));
        CollectingOutput<NexmarkEvent> events = new CollectingOutput<>();
        Readers.drain(Readers.open(generated, 1).get(0), events, 1000);

        Path file = dir.resolve("nexmark.jsonl");
        try (SinkWriter<NexmarkEvent> writer = Connectors.sink("file:" + file, Codecs.json(NexmarkEvent.class))
                .createWriter(Sinks.context(0, 1))) {
            for (NexmarkEvent e : events.records) {
                writer.write(e);
            }
        }
        List<String> lines = Files.readAllLines(file, UTF_8);
        assertThat(lines).hasSize(5000);
        assertThat(lines.get(0)).startsWith("{\"type\":\"person\",\"id\":1000,");

        CollectingOutput<NexmarkEvent> read = new CollectingOutput<>();
        Readers.drain(Readers.open(Connectors.source("file:" + file, Codecs.json(NexmarkEvent.class)), 1).get(0),
                read, 1000);
        assertThat(read.records).isEqualTo(events.records);
    }

    @Test
    void badSinkPathsAreRejectedUpFront() throws Exception {
        assertThatThrownBy(() -> Connectors.sink("file:" + dir, Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a directory");
        Path plainFile = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> Connectors.sink("file:" + plainFile + "/out.jsonl", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> Connectors.sink("file:" + dir.resolve("o.jsonl") + "?append=true", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [append]");
    }
}
