package io.sluice.jobs.analytics;

import static io.sluice.jobs.analytics.UserAnalyticsTest.CLICKS;
import static io.sluice.jobs.analytics.UserAnalyticsTest.LATE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.CliRun;
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

/**
 * {@code user-analytics} on the event logs it is meant for: the acceptance click sequence loaded into a Kafka
 * topic (a real broker in this JVM, design.md §10) and into a Chronicle queue with the {@code copy} job, then
 * read back by the job with {@code ?until=latest}: the results are exactly those of the pipeline test.
 */
class UserAnalyticsLogsTest {

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
            // one partition: the clicks keep their order, so the one late click is late in every run
            admin.createTopics(List.of(new NewTopic("clicks", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @Test
    void fromAKafkaTopic() throws Exception {
        String topic = "kafka://" + cluster.bootstrapServers() + "/clicks";
        CliRun.ok("run", "copy", "-p", "source=file:" + AnalyticsRuns.clicksFile(dir, CLICKS), "-p",
                "sink=" + topic, "--no-progress");
        assertResults(AnalyticsRuns.runToFiles(dir, topic + "?until=latest"));
    }

    @Test
    void fromAChronicleQueue() throws Exception {
        Path queue = dir.resolve("queue");
        CliRun.ok("run", "copy", "-p", "source=file:" + AnalyticsRuns.clicksFile(dir, CLICKS), "-p",
                "sink=chronicle:" + queue, "--no-progress");
        assertResults(AnalyticsRuns.runToFiles(dir, "chronicle:" + queue + "?until=latest"));
    }

    private static void assertResults(UserAnalyticsTest.Results results) {
        UserAnalyticsTest.assertExpectedResults(results);
        assertThat(results.late()).containsExactly(LATE_CLICK);
    }
}
