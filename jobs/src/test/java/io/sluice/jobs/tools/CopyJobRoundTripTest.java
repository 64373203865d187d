package io.sluice.jobs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.jobs.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code copy} job through the CLI from any source URI to any sink URI: a file of NEXMark events loaded into
 * Kafka, copied from Kafka into a Chronicle queue, and from the queue back to a file, against a real broker
 * started in this JVM (design.md §10) and a real queue.
 */
@ExtendWith(WithKafkaBroker.class)
class CopyJobRoundTripTest {

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopic() throws Exception {
        kafka.createTopic("events", 2);
    }

    private Path events() throws IOException {
        Path events = dir.resolve("events.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/nexmark/events.jsonl")) {
            Files.copy(in, events);
        }
        return events;
    }

    @Test
    void fileToKafkaToChronicleToFileKeepsEveryRecordUnchanged() throws IOException {
        Path events = events();
        String topic = "kafka://" + kafka.bootstrap() + "/events";
        Path queue = dir.resolve("queue");
        Path out = dir.resolve("out.jsonl");
        CliRun.ok("run", "copy", "-p", "source=file:" + events, "-p", "sink=" + topic, "--no-progress");
        CliRun.ok("run", "copy", "-p", "source=" + topic + "?until=latest", "-p", "sink=chronicle:" + queue,
                "--parallelism", "2", "--no-progress");
        CliRun.ok("run", "copy", "-p", "source=chronicle:" + queue + "?until=latest", "-p", "sink=file:" + out,
                "--no-progress");
        List<String> original = Files.readAllLines(events, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        // two partitions: the order across them is not kept, every record is
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(original);
    }

    @Test
    void maskRedactsNamedFieldsOnTheWay() throws IOException {
        Path events = events();
        Path out = dir.resolve("masked.jsonl");
        CliRun.ok("run", "copy", "-p", "source=file:" + events, "-p", "sink=file:" + out, "-p", "mask=emailAddress,creditCard",
                "--no-progress");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> persons = lines.stream().filter(l -> l.contains("\"type\":\"person\"")).toList();
        assertThat(persons).isNotEmpty().allMatch(l -> l.contains("\"emailAddress\":\"***\"") && l.contains("\"creditCard\":\"***\""));
        assertThat(String.join("\n", lines)).doesNotContain("@");
        assertThat(lines).hasSameSizeAs(Files.readAllLines(events).stream().filter(l -> !l.isBlank()).toList());
    }
}
