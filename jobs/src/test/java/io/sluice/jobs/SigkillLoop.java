package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The crash loop of the exactly-once tests: a job runs as a separate JVM ({@link SluiceJvm}) and is killed with
 * SIGKILL at a random point after it wrote a new checkpoint (so every restart restores a different one and the
 * kill lands while records are in flight), then restarted with {@code --restore latest}, until it was killed the
 * asked number of times; a last restored run then finishes. Every restart must say which checkpoint it
 * restored, each a different one.
 */
public final class SigkillLoop {

    /** Starts attempt {@code attempt} (1, 2, ...), restoring the latest checkpoint when {@code restore}. */
    @FunctionalInterface
    public interface Launcher {
        Process start(int attempt, boolean restore, Path log) throws IOException;
    }

    /** What a run must have done after its new checkpoint before the kill may come (e.g. written some output). */
    @FunctionalInterface
    public interface Progress {
        boolean reached() throws Exception;
    }

    /** The progress a run must make, measured from where things stand when attempt {@code attempt} starts. */
    @FunctionalInterface
    public interface ProgressSince {
        Progress start(int attempt) throws Exception;
    }

    private SigkillLoop() {
    }

    /**
     * Runs the loop; returns the checkpoints the restarts restored, in order. Fails the test when a run fails,
     * when the job ends before it was killed {@code kills} times, or when the last run does not finish within
     * {@code finishSeconds}.
     *
     * @param maxDelayMillis the kill comes up to this long after the new checkpoint
     */
    public static List<String> run(Launcher launcher, Path checkpoints, Path logs, int kills, Random random,
                                   int maxDelayMillis, long finishSeconds) throws Exception {
        return run(launcher, checkpoints, logs, kills, random, maxDelayMillis, finishSeconds, attempt -> () -> true);
    }

    /**
     * Like {@link #run(Launcher, Path, Path, int, Random, int, long)}, and each run must also reach
     * {@code progress.start(attempt)} (checked every 10 ms, for up to a minute) before the random delay starts.
     */
    public static List<String> run(Launcher launcher, Path checkpoints, Path logs, int kills, Random random,
                                   int maxDelayMillis, long finishSeconds,
                                   ProgressSince progress) throws Exception {
        int killed = 0;
        int attempts = 0;
        while (killed < kills) {
            attempts++;
            assertThat(attempts).as("attempts to get %d kills in", kills).isLessThan(3 * kills);
            long before = SluiceJvm.newestCheckpoint(checkpoints);
            Path log = logs.resolve("run-" + attempts + ".log");
            Progress reached = progress.start(attempts);
            Process run = launcher.start(attempts, killed > 0, log);
            boolean progressed = SluiceJvm.awaitCheckpointAfter(checkpoints, before, run, 120_000);
            long deadline = System.currentTimeMillis() + 60_000;
            while (run.isAlive() && !reached.reached() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            if (!run.isAlive()) {
                assertThat(run.exitValue()).as(SluiceJvm.text(log)).isZero();
                break; // finished before it could be killed: the input was too short for this machine
            }
            assertThat(progressed).as("run %d made a checkpoint", attempts).isTrue();
            Thread.sleep(random.nextInt(maxDelayMillis + 1));
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no final savepoint, no flush
            run.waitFor(30, TimeUnit.SECONDS);
            killed++;
        }
        assertThat(killed).as("the job was killed %d times before finishing", kills).isEqualTo(kills);

        Path lastLog = logs.resolve("run-final.log");
        Process last = launcher.start(attempts + 1, true, lastLog);
        assertThat(last.waitFor(finishSeconds, TimeUnit.SECONDS)).as("the restored run finishes").isTrue();
        assertThat(last.exitValue()).as(SluiceJvm.text(lastLog)).isZero();

        List<String> restored = new ArrayList<>();
        for (int a = 2; a <= attempts + 1; a++) {
            Path log = a <= attempts ? logs.resolve("run-" + a + ".log") : lastLog;
            String from = SluiceJvm.restoredFrom(log);
            assertThat(from).as("%s says which checkpoint it restored: %s", log.getFileName(), SluiceJvm.text(log)).isNotNull();
            restored.add(from);
        }
        Set<String> distinct = new LinkedHashSet<>(restored);
        assertThat(distinct).as("checkpoints restored from").hasSize(kills);
        return restored;
    }
}
