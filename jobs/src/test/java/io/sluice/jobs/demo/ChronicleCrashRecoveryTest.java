package io.sluice.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.jobs.CliRun;
import io.sluice.jobs.LineFingerprint;
import io.sluice.jobs.SigkillLoop;
import io.sluice.jobs.SluiceJvm;
import io.sluice.runtime.testing.SourceReading;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle → job → Chronicle, exactly-once through SIGKILLs: NEXMark events loaded into a queue with the
 * {@code copy} job, then {@code window-counts} (a keyed tumbling-window count plus a pass-through of every bid)
 * reading {@code chronicle:<in>?until=latest} into two {@code chronicle:} sinks, checkpointing every 200 ms, as a
 * separate JVM killed at random points five times and restored each time, alternating parallelism 1 and 2
 * ({@link SigkillLoop}). Read back through the {@code chronicle:} source, the queues must hold exactly what an
 * uninterrupted run writes: no record lost, none duplicated. The crashed runs replay the queue at a bounded rate
 * ({@code rate=}) so that each is killed part-way on any machine; the reference run reads at full speed. The
 * input holds 64 records per excerpt (the sink's default batch) and the paced reads end at any record, so the
 * checkpoints and the restores from them fall inside excerpts (the in-process {@code ChronicleCheckpointTest}
 * asserts that case); the exactly-once sinks commit each epoch as several batch excerpts, so a kill can also
 * tear a commit between two of them.
 */
class ChronicleCrashRecoveryTest {

    private static final long EVENTS = 1_000_000;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killedFiveTimesWithSigkillTheQueuesHoldExactlyWhatAnUninterruptedRunWrites() throws Exception {
        Path events = dir.resolve("events");
        CliRun.ok("run", "copy", "-p", "source=gen:nexmark?events=" + EVENTS + "&seed=7", "-p", "sink=chronicle:" + events,
                "--no-progress");
        Path checkpoints = dir.resolve("checkpoints");
        Path crashed = dir.resolve("crashed");
        SigkillLoop.run((attempt, restore, log) -> start(events + "?until=latest&rate=100000", crashed, checkpoints,
                        restore, 1 + (attempt + 1) % 2, log),
                checkpoints, dir, KILLS, new Random(20261127L), 600, 300);

        Path reference = dir.resolve("reference");
        Process run = start(events + "?until=latest", reference, dir.resolve("reference-checkpoints"), false, 2,
                dir.resolve("reference.log"));
        assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(SluiceJvm.text(dir.resolve("reference.log"))).isZero();

        List<String> expectedCounts = readAll(reference.resolve("counts"));
        assertThat(expectedCounts).as("windows fired").hasSizeGreaterThan(500);
        List<String> counts = readAll(crashed.resolve("counts"));
        expectedCounts.sort(null);
        counts.sort(null);
        assertThat(counts).as("window counts after %d SIGKILLs", KILLS).isEqualTo(expectedCounts);
        LineFingerprint expectedBids = fingerprint(reference.resolve("bids"));
        assertThat(expectedBids.lines()).as("the input has bids").isGreaterThan(EVENTS * 9 / 10);
        assertThat(fingerprint(crashed.resolve("bids"))).as("passed-through bids after %d SIGKILLs", KILLS)
                .isEqualTo(expectedBids);
    }

    private static Process start(String source, Path out, Path checkpoints, boolean restore, int parallelism, Path log)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "window-counts", "-p", "source=chronicle:" + source,
                "-p", "sink=chronicle:" + out.resolve("counts"), "-p", "passthrough=chronicle:" + out.resolve("bids"),
                "--parallelism", Integer.toString(parallelism), "--no-progress",
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "200ms"));
        if (restore) {
            args.add("--restore");
            args.add("latest");
        }
        return SluiceJvm.start(args, log);
    }

    private static List<String> readAll(Path queue) throws Exception {
        List<String> records = new ArrayList<>();
        read(queue, records::add);
        return records;
    }

    private static LineFingerprint fingerprint(Path queue) throws Exception {
        LineFingerprint[] f = {LineFingerprint.EMPTY};
        read(queue, s -> f[0] = f[0].add(s));
        return f[0];
    }

    /** Every record of a queue, through the {@code chronicle:} source as a job would read it. */
    private static void read(Path queue, java.util.function.Consumer<String> each) throws Exception {
        SourceReading.forEach(Connectors.source("chronicle:" + queue + "?until=latest", Codecs.strings()), each);
    }
}
