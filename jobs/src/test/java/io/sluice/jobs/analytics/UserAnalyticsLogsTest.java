package io.sluice.jobs.analytics;

import static io.sluice.jobs.analytics.UserAnalyticsTest.CLICKS;
import static io.sluice.jobs.analytics.UserAnalyticsTest.LATE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.jobs.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code user-analytics} on the event logs it is meant for: the acceptance click sequence loaded into a Kafka
 * topic (a real broker in this JVM, design.md §10) and into a Chronicle queue with the {@code copy} job, then
 * read back by the job with {@code ?until=latest}: the results are exactly those of the pipeline test.
 */
@ExtendWith(WithKafkaBroker.class)
class UserAnalyticsLogsTest {

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopic() throws Exception {
        // one partition: the clicks keep their order, so the one late click is late in every run
        kafka.createTopic("clicks", 1);
    }

    @Test
    void fromAKafkaTopic() throws Exception {
        String topic = "kafka://" + kafka.bootstrap() + "/clicks";
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
