package io.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.JobParams;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.connectors.nexmark.Bid;
import io.sluice.connectors.testing.CollectingOutput;
import io.sluice.connectors.testing.Readers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceBadLinesTest {

    @TempDir
    Path dir;

    Path events() throws Exception {
        return Files.writeString(dir.resolve("events.jsonl"),
                FileSourceTest.bid(1) + "\n{oops\n" + FileSourceTest.bid(2) + "\n");
    }

    @Test
    void skipDropsAndCountsUndecodableLines() throws Exception {
        Source<Bid> source = Connectors.source("file:" + events() + "?onError=skip", Codecs.json(Bid.class));
        CollectingOutput<Bid> out = new CollectingOutput<>();
        SourceReader<Bid> reader = Readers.open(source, 1).get(0);
        Readers.drain(reader, out, 10);
        reader.close();
        assertThat(out.records).containsExactly(FileSourceTest.bidRecord(1), FileSourceTest.bidRecord(2));
        assertThat(((BadRecordCounter) source).badRecords()).isEqualTo(1);
    }

    @Test
    void dlqWritesTheLineWithItsPositionToTheJobsDeadLetterSink() throws Exception {
        Path file = events();
        Path dlq = dir.resolve("dead.jsonl");
        JobParams params = new JobParams(Map.of("source", "file:" + file + "?onError=dlq", "dlq", "file:" + dlq));
        Source<Bid> source = params.source("source", Codecs.json(Bid.class));
        assertThat(source.name()).isEqualTo("file:" + file + "?onError=dlq");
        CollectingOutput<Bid> out = new CollectingOutput<>();
        SourceReader<Bid> reader = Readers.open(source, 1).get(0);
        Readers.drain(reader, out, 10);
        reader.close();
        assertThat(out.records).hasSize(2);
        List<String> letters = Files.readAllLines(dlq);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0)).contains("\"source\":\"file:" + file + "?onError=dlq\"", "\"position\":\"" + file + ":2\"",
                "\"bytes\":\"" + Base64.getEncoder().encodeToString("{oops".getBytes()) + "\"");
        assertThatThrownBy(() -> Connectors.source("file:" + file + "?onError=maybe", Codecs.json(Bid.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'onError' must be fail, skip or dlq");
    }
}
