package io.sluice.jobs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice ...} as a separate JVM, for tests that kill a job the hard way (SIGKILL: no shutdown hook, no
 * final checkpoint, no flush), and what such a test needs to watch it: the newest complete checkpoint of a
 * directory, and which checkpoint a restored run says it restored.
 */
public final class SluiceJvm {

    private static final Pattern RESTORED = Pattern.compile("sluice: restored from (\\S+)");

    private SluiceJvm() {
    }

    /**
     * Starts {@code sluice args...} with this test's class path, 768 MB of heap, the parallel GC and the module
     * flags this JVM got (Chronicle needs them on Java 17); its standard output and error go to {@code log}.
     */
    public static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC", "-Dchronicle.analytics.disable=true"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sluice.runtime.cli.SluiceCli"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The id of the newest complete checkpoint (or savepoint) in {@code dir}, or 0. */
    public static long newestCheckpoint(Path dir) throws IOException {
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

    /** Waits until {@code dir} has a checkpoint newer than {@code id}, while {@code run} is alive. */
    public static boolean awaitCheckpointAfter(Path dir, long id, Process run, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && run.isAlive()) {
            if (newestCheckpoint(dir) > id) {
                return true;
            }
            Thread.sleep(25);
        }
        return newestCheckpoint(dir) > id;
    }

    /** The checkpoint a run's log says it restored from, or {@code null}. */
    public static String restoredFrom(Path log) throws IOException {
        Matcher m = RESTORED.matcher(Files.readString(log));
        return m.find() ? m.group(1) : null;
    }

    /** The log's text, or what went wrong reading it (for assertion messages). */
    public static String text(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
