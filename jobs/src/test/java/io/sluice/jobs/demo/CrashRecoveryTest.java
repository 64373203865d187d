package io.sluice.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
 * and restarted with {@code --restore latest} each time, alternating parallelism 1 and 2 (1 → 2 → 1 → ...),
 * so every restore also redistributes the key groups and the source splits. What it finally committed must be exactly what an
 * uninterrupted run writes: no record lost, none duplicated.
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
        Random random = new Random(20261126L);

        int kills = 0;
        int attempts = 0;
        while (kills < KILLS) {
            attempts++;
            assertThat(attempts).as("attempts to get %d kills in", KILLS).isLessThan(3 * KILLS);
            long before = newestCheckpoint(checkpoints);
            // parallelism 1, 2, 1, 2, ...: every restore after the first changes the parallelism
            Process run = start(counts, bids, checkpoints, kills > 0, 1 + (attempts + 1) % 2,
                    dir.resolve("run-" + attempts + ".log"));
            // Kill at a random point after the run has made progress (a new checkpoint), so every restart
            // restores from a different checkpoint and the kills land while records are in flight.
            boolean progressed = awaitCheckpointAfter(checkpoints, before, run, 120_000);
            if (!run.isAlive()) {
                assertThat(run.exitValue()).as(log(attempts)).isZero();
                break; // finished before it could be killed: the input was too short for this machine
            }
            assertThat(progressed).as("run %d made a checkpoint", attempts).isTrue();
            Thread.sleep(random.nextInt(1_200));
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no final savepoint, no flush
            run.waitFor(30, TimeUnit.SECONDS);
            kills++;
        }
        assertThat(kills).as("the job was killed %d times before finishing", KILLS).isEqualTo(KILLS);

        Process last = start(counts, bids, checkpoints, true, 1, dir.resolve("run-final.log"));
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the restored run finishes").isTrue();
        assertThat(last.exitValue()).as(Files.readString(dir.resolve("run-final.log"))).isZero();

        // every restart really restored, each from a newer checkpoint than the one before
        java.util.Set<String> restoredFrom = new java.util.LinkedHashSet<>();
        for (int a = 2; a <= attempts + 1; a++) {
            Path logFile = a <= attempts ? dir.resolve("run-" + a + ".log") : dir.resolve("run-final.log");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("sluice: restored from (\\S+)")
                    .matcher(Files.readString(logFile));
            assertThat(m.find()).as("%s says which checkpoint it restored: %s", logFile.getFileName(), Files.readString(logFile)).isTrue();
            restoredFrom.add(m.group(1));
        }
        assertThat(restoredFrom).as("checkpoints restored from").hasSize(KILLS);

        Path refCounts = dir.resolve("reference/counts.jsonl");
        Path refBids = dir.resolve("reference/bids.jsonl");
        Process reference = start(refCounts, refBids, dir.resolve("reference-checkpoints"), false, 2,
                dir.resolve("reference.log"));
        assertThat(reference.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(reference.exitValue()).as(Files.readString(dir.resolve("reference.log"))).isZero();

        List<String> expectedCounts = sortedLines(refCounts);
        assertThat(expectedCounts).as("windows fired").hasSizeGreaterThan(1_000);
        assertThat(sortedLines(counts)).as("window counts after %d SIGKILLs", KILLS).isEqualTo(expectedCounts);
        Fingerprint expectedBids = Fingerprint.of(refBids);
        assertThat(expectedBids.lines()).as("the input has bids").isGreaterThan(2_000_000);
        assertThat(Fingerprint.of(bids)).as("passed-through bids after %d SIGKILLs", KILLS).isEqualTo(expectedBids);
    }

    /**
     * An order-independent fingerprint of a file's lines (count, sum and sum of squares of 64-bit FNV-1a
     * hashes): equal for the same multiset of lines; a lost, duplicated or altered line changes it. Keeps
     * millions of lines out of the test's heap.
     */
    record Fingerprint(long lines, long sum, long sumOfSquares) {
        static Fingerprint of(Path file) throws IOException {
            long n = 0;
            long sum = 0;
            long squares = 0;
            try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
                String line;
                while ((line = in.readLine()) != null) {
                    long h = 0xcbf29ce484222325L;
                    for (int i = 0; i < line.length(); i++) {
                        h = (h ^ line.charAt(i)) * 0x100000001b3L;
                    }
                    n++;
                    sum += h;
                    squares += h * h;
                }
            }
            return new Fingerprint(n, sum, squares);
        }
    }

    /** The id of the newest complete checkpoint (or savepoint) in {@code dir}, or 0. */
    private static long newestCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long newest = 0;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("(chk|sp)-\\d+") && Files.exists(p.resolve("_manifest"))) {
                    newest = Math.max(newest, Long.parseLong(name.substring(name.indexOf('-') + 1)));
                }
            }
        }
        return newest;
    }

    private static boolean awaitCheckpointAfter(Path dir, long id, Process run, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && run.isAlive()) {
            if (newestCheckpoint(dir) > id) {
                return true;
            }
            Thread.sleep(25);
        }
        return newestCheckpoint(dir) > id;
    }

    private Process start(Path counts, Path bids, Path checkpoints, boolean restore, int parallelism, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC", "-Dchronicle.analytics.disable=true",
                "-cp", System.getProperty("java.class.path"),
                "io.sluice.runtime.cli.SluiceCli", "run", "window-counts",
                "-p", "source=gen:nexmark?events=" + EVENTS + "&rate=" + RATE + "&seed=7",
                "-p", "sink=file:" + counts, "-p", "passthrough=file:" + bids,
                "--parallelism", Integer.toString(parallelism), "--no-progress",
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "500ms"));
        if (restore) {
            cmd.add("--restore");
            cmd.add("latest");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String log(int attempt) {
        try {
            return Files.readString(dir.resolve("run-" + attempt + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }
}
