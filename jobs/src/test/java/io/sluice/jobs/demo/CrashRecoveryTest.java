package io.sluice.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.LineFingerprint;
import io.sluice.jobs.SigkillLoop;
import io.sluice.jobs.SluiceJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of the checkpointing issue: {@code window-counts} (a keyed tumbling-window count plus a
 * pass-through of every bid, both into exactly-once {@code file:} sinks) over a bounded generated input,
 * checkpointing every 500 ms, runs as a separate JVM that is killed with SIGKILL at random points five times
 * and restarted with {@code --restore latest} each time ({@link SigkillLoop}), alternating parallelism 1 and 2
 * (1 → 2 → 1 → ...), so every restore also redistributes the key groups and the source splits. What it finally
 * committed must be exactly what an uninterrupted run writes: no record lost, none duplicated.
 */
class CrashRecoveryTest {

    private static final String EVENTS = "3000000";
    private static final String RATE = "300000";
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killedFiveTimesWithSigkillTheCommittedOutputEqualsAnUninterruptedRun() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path counts = dir.resolve("crashed/counts.jsonl");
        Path bids = dir.resolve("crashed/bids.jsonl");
        // parallelism 1, 2, 1, 2, ...: every restore after the first changes the parallelism
        SigkillLoop.run((attempt, restore, log) -> start(counts, bids, checkpoints, restore, 1 + (attempt + 1) % 2, log),
                checkpoints, dir, KILLS, new Random(20261126L), 1_200, 300);

        Path refCounts = dir.resolve("reference/counts.jsonl");
        Path refBids = dir.resolve("reference/bids.jsonl");
        Process reference = start(refCounts, refBids, dir.resolve("reference-checkpoints"), false, 2,
                dir.resolve("reference.log"));
        assertThat(reference.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(reference.exitValue()).as(SluiceJvm.text(dir.resolve("reference.log"))).isZero();

        List<String> expectedCounts = sortedLines(refCounts);
        assertThat(expectedCounts).as("windows fired").hasSizeGreaterThan(1_000);
        assertThat(sortedLines(counts)).as("window counts after %d SIGKILLs", KILLS).isEqualTo(expectedCounts);
        LineFingerprint expectedBids = LineFingerprint.of(refBids);
        assertThat(expectedBids.lines()).as("the input has bids").isGreaterThan(2_000_000);
        assertThat(LineFingerprint.of(bids)).as("passed-through bids after %d SIGKILLs", KILLS).isEqualTo(expectedBids);
    }

    private static Process start(Path counts, Path bids, Path checkpoints, boolean restore, int parallelism, Path log)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "window-counts",
                "-p", "source=gen:nexmark?events=" + EVENTS + "&rate=" + RATE + "&seed=7",
                "-p", "sink=file:" + counts, "-p", "passthrough=file:" + bids,
                "--parallelism", Integer.toString(parallelism), "--no-progress",
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "500ms"));
        if (restore) {
            args.add("--restore");
            args.add("latest");
        }
        return SluiceJvm.start(args, log);
    }

    private static List<String> sortedLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }
}
