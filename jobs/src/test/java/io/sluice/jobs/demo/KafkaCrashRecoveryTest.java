package io.sluice.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.jobs.CliRun;
import io.sluice.jobs.LineFingerprint;
import io.sluice.jobs.SigkillLoop;
import io.sluice.jobs.SluiceJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka → job → Kafka exactly-once through SIGKILLs: {@code window-counts} (a keyed tumbling-window count plus a
 * pass-through of every bid) reads {@code kafka://…/events?until=latest} and writes both outputs to Kafka topics,
 * checkpointing every 200 ms, as a separate JVM against a broker in this JVM. It is killed with SIGKILL five
 * times ({@link SigkillLoop}), each time at a random point after a new checkpoint while it writes, and restarted
 * with {@code --restore latest}, alternating parallelism 2 and 1. A {@code read_committed} reader must then see exactly what an uninterrupted
 * run of the same job writes: every window count and every bid once, none lost, none duplicated, and no
 * transaction left open.
 */
@ExtendWith(WithKafkaBroker.class)
class KafkaCrashRecoveryTest {

    private static final int EVENTS = 800_000;
    private static final int KILLS = 5;

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTopics() throws Exception {
        kafka.createTopic("events", 4);
        kafka.createTopic("counts", 3);
        kafka.createTopic("bids", 3);
        // one generator split, so each partition holds its events in the generator's (event-time) order
        CliRun.ok("run", "copy", "-p", "source=gen:nexmark?events=" + EVENTS + "&seed=7",
                "-p", "sink=" + kafka.uri("events"), "--parallelism", "1", "--no-progress");
    }

    @Test
    void killedFiveTimesWithSigkillReadCommittedConsumersSeeExactlyAnUninterruptedRunsOutput() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        // parallelism 2, 1, 2, ...; each kill comes while the run writes: after it wrote 20,000 bids (committed or not)
        SigkillLoop.run((attempt, restore, log) -> start(checkpoints, restore, 2 - attempt % 2, log),
                checkpoints, dir, KILLS, new Random(20261127L), 500, 300, attempt -> {
                    long written = bidsWritten();
                    return () -> bidsWritten() >= written + 20_000;
                });

        // the reference: the same job, uninterrupted, from the same generated events into files
        Path refCounts = dir.resolve("reference/counts.jsonl");
        Path refBids = dir.resolve("reference/bids.jsonl");
        CliRun.ok("run", "window-counts", "-p", "source=gen:nexmark?events=" + EVENTS + "&seed=7",
                "-p", "sink=file:" + refCounts, "-p", "passthrough=file:" + refBids, "--no-progress");

        List<String> counts = kafka.readValuesSettled("counts"); // also: no transaction is left open
        List<String> expectedCounts = Files.readAllLines(refCounts);
        assertThat(expectedCounts).as("windows fired").hasSizeGreaterThan(10_000);
        assertThat(sorted(counts)).as("window counts after %d SIGKILLs", KILLS).isEqualTo(sorted(expectedCounts));

        kafka.awaitSettled("bids");
        LineFingerprint[] bids = {LineFingerprint.EMPTY};
        kafka.forEachValue("bids", v -> bids[0] = bids[0].add(v));
        LineFingerprint expectedBids = LineFingerprint.of(refBids);
        assertThat(expectedBids.lines()).as("the input has bids").isGreaterThan(700_000);
        assertThat(bids[0]).as("passed-through bids after %d SIGKILLs", KILLS).isEqualTo(expectedBids);
    }

    /** Records in the bids topic, committed, open or aborted (the high watermarks): grows while a run writes. */
    private static long bidsWritten() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition("bids", p), OffsetSpec.latest());
        }
        return kafka.admin().listOffsets(latest).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private Process start(Path checkpoints, boolean restore, int parallelism, Path log) throws java.io.IOException {
        List<String> args = new ArrayList<>(List.of("run", "window-counts",
                "-p", "source=" + kafka.uri("events") + "?until=latest",
                "-p", "sink=" + kafka.uri("counts"), "-p", "passthrough=" + kafka.uri("bids"),
                "--parallelism", Integer.toString(parallelism), "--no-progress",
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "200ms"));
        if (restore) {
            args.add("--restore");
            args.add("latest");
        }
        return SluiceJvm.start(args, log);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.sort(null);
        return out;
    }
}
