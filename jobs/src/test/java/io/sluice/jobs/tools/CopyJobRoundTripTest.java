package io.sluice.jobs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.cli.SluiceCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code copy} job through the CLI from any source URI to any sink URI: a file of NEXMark events loaded into
 * Kafka, copied from Kafka into a Chronicle queue, and from the queue back to a file, against a real broker
 * started in this JVM (design.md §10) and a real queue.
 */
class CopyJobRoundTripTest {

    static KafkaClusterTestKit cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    private static String sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SluiceCli.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
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
        String kafka = "kafka://" + cluster.bootstrapServers() + "/events";
        Path queue = dir.resolve("queue");
        Path out = dir.resolve("out.jsonl");
        sluice("run", "copy", "-p", "source=file:" + events, "-p", "sink=" + kafka, "--no-progress");
        sluice("run", "copy", "-p", "source=" + kafka + "?until=latest", "-p", "sink=chronicle:" + queue,
                "--parallelism", "2", "--no-progress");
        sluice("run", "copy", "-p", "source=chronicle:" + queue + "?until=latest", "-p", "sink=file:" + out,
                "--no-progress");
        List<String> original = Files.readAllLines(events, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        // two partitions: the order across them is not kept, every record is
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(original);
    }

    @Test
    void maskRedactsNamedFieldsOnTheWay() throws IOException {
        Path events = events();
        Path out = dir.resolve("masked.jsonl");
        sluice("run", "copy", "-p", "source=file:" + events, "-p", "sink=file:" + out, "-p", "mask=emailAddress,creditCard",
                "--no-progress");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> persons = lines.stream().filter(l -> l.contains("\"type\":\"person\"")).toList();
        assertThat(persons).isNotEmpty().allMatch(l -> l.contains("\"emailAddress\":\"***\"") && l.contains("\"creditCard\":\"***\""));
        assertThat(String.join("\n", lines)).doesNotContain("@");
        assertThat(lines).hasSameSizeAs(Files.readAllLines(events).stream().filter(l -> !l.isBlank()).toList());
    }
}
