package io.sluice.benchmarks;

import io.sluice.api.connector.Durations;
import io.sluice.benchmarks.chronicle.BenchmarkQueues;
import io.sluice.benchmarks.chronicle.OpenLoopPassThrough;
import io.sluice.benchmarks.chronicle.PassThroughRuns;
import io.sluice.benchmarks.runner.RunnerArgs;
import io.sluice.benchmarks.runner.Stats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Chronicle → pass-through → Chronicle on this machine: throughput of each mode of {@link PassThroughRuns}
 * ({@code read} and {@code append} alone as the ceilings, then the job without checkpoints and exactly-once) over
 * {@code --events} raw events of {@code --size} bytes, and open-loop end-to-end latency ({@link OpenLoopPassThrough})
 * at each of {@code --rates}, without checkpoints and exactly-once.
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.ChronicleRunner \
 *      [--events 20000000] [--size 32] [--modes read,append,plain,exactly-once,plain-2w,exactly-once-2w] \
 *      [--interval 1s] [--runs 3] \
 *      [--rates 100000,1000000] [--seconds 10] [--warmup 5] [--latency-interval 100ms] [--dir /tmp]
 * </pre>
 *
 * <p>Each mode and each latency run has a JVM of its own (with Chronicle's module flags in {@code --jvm-args}); a
 * throughput mode does one warm-up run and {@code --runs} measured runs and reports the median, then checks the
 * output of one more run (every event, once). Next to the wall-clock rate it reports the CPU time the whole JVM
 * used per event (all threads: workers, GC, JIT): on a machine shared with other work the wall-clock rate says
 * what this run got, the CPU time what the engine costs. Queues go to a fresh directory under {@code --dir} and are
 * deleted afterwards. Target (issue 5): the pass-through job at least 5 M events/s with small events.
 */
public final class ChronicleRunner {

    static final Set<String> OPTIONS = Set.of("events", "size", "modes", "interval", "runs", "rates", "seconds",
            "warmup", "latency-interval", "dir", "jvm-args", "mode");
    static final Set<String> FLAGS = Set.of("child", "no-latency", "no-throughput");
    static final String CHRONICLE_FLAGS = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED "
            + "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED "
            + "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED "
            + "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
            + "--add-opens=java.base/java.util=ALL-UNNAMED -Dchronicle.analytics.disable=true";
    static final String DEFAULT_JVM_ARGS = "-Xms2g -Xmx2g -XX:+UseParallelGC " + CHRONICLE_FLAGS;
    private static final String RESULT = "RESULT ";

    private ChronicleRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunnerArgs a;
        try {
            a = RunnerArgs.parse(args, OPTIONS, FLAGS);
        } catch (IllegalArgumentException e) {
            System.err.println("ChronicleRunner: " + e.getMessage());
            System.err.println("usage: ChronicleRunner [--events 20000000] [--size 32] [--modes " + String.join(",", PassThroughRuns.MODES) + "]"
                    + " [--interval 1s] [--runs 3] [--rates 100000,1000000] [--seconds 10] [--warmup 5]"
                    + " [--latency-interval 100ms] [--dir /tmp] [--no-latency] [--no-throughput] [--jvm-args '...']");
            System.exit(2);
            return;
        }
        long events = a.getLong("events", 20_000_000);
        int size = a.getInt("size", 32);
        Duration interval = Durations.parse(a.get("interval", "1s"));
        Duration latencyInterval = Durations.parse(a.get("latency-interval", "100ms"));
        int runs = a.getInt("runs", 3);
        long seconds = a.getLong("seconds", 10);
        long warmup = a.getLong("warmup", 5);
        Path base = Path.of(a.get("dir", System.getProperty("java.io.tmpdir")));
        if (a.flag("child")) {
            child(a.get("mode", "plain"), base, events, size, interval, runs, a.getLongs("rates", "100000").get(0),
                    seconds, warmup, latencyInterval);
            return;
        }
        String jvmArgs = a.get("jvm-args", DEFAULT_JVM_ARGS);
        String loadBefore = Stats.loadAverage();
        System.err.printf(Locale.ROOT, "ChronicleRunner: %,d events of %d bytes, checkpoint interval %s; load average %s%n",
                events, size, interval, loadBefore);
        List<String> rows = new ArrayList<>();
        if (!a.flag("no-throughput")) {
            rows.add("| mode | events | events/s (median) | runs | of read | CPU per event | events per CPU-second |");
            rows.add("|---|---|---|---|---|---|---|");
            double read = -1;
            for (String mode : a.getList("modes", String.join(",", PassThroughRuns.MODES))) {
                List<String> result = fork(jvmArgs, "--mode", mode, "--events", Long.toString(events), "--size",
                        Integer.toString(size), "--interval", interval.toMillis() + "ms", "--runs", Integer.toString(runs),
                        "--dir", base.toString());
                List<Double> rates = new ArrayList<>();
                List<Double> cpuPerEvent = new ArrayList<>();
                for (String r : result) {
                    String[] f = r.trim().split(" ");
                    rates.add(events * 1e9 / Long.parseLong(f[0]));
                    cpuPerEvent.add(Long.parseLong(f[1]) / (double) events);
                }
                double median = Stats.median(rates);
                double cpu = Stats.median(cpuPerEvent);
                if (mode.equals("read")) {
                    read = median;
                }
                List<String> each = new ArrayList<>();
                rates.forEach(r -> each.add(Stats.rate(r)));
                String target = mode.startsWith("plain") || mode.startsWith("exactly-once")
                        ? (median >= 5e6 ? " ✔ ≥ 5 M" : " ✘ < 5 M") : "";
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %s%s | %s | %s | %.0f ns | %s |", mode, events,
                        Stats.rate(median), target, String.join(", ", each),
                        read > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * median / read) : "", cpu, Stats.rate(1e9 / cpu)));
                System.err.println("  " + rows.get(rows.size() - 1));
            }
            rows.add("");
        }
        if (!a.flag("no-latency")) {
            rows.add("| mode | events/s | p50 | p99 | p99.9 | max | events | producer lag max |");
            rows.add("|---|---|---|---|---|---|---|---|");
            for (String mode : List.of("latency-plain", "latency-exactly-once")) {
                for (long rate : a.getLongs("rates", "100000,1000000")) {
                    List<String> result = fork(jvmArgs, "--mode", mode, "--rates", Long.toString(rate), "--seconds",
                            Long.toString(seconds), "--warmup", Long.toString(warmup), "--size", Integer.toString(size),
                            "--latency-interval", latencyInterval.toMillis() + "ms", "--dir", base.toString());
                    String[] f = result.get(0).trim().split(" ");
                    rows.add(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %,d | %s |",
                            mode.equals("latency-plain") ? "plain" : "exactly-once (checkpoint every "
                                    + latencyInterval.toMillis() + " ms)", rate, LatencyRunner.ms(Long.parseLong(f[0])),
                            LatencyRunner.ms(Long.parseLong(f[1])), LatencyRunner.ms(Long.parseLong(f[2])),
                            LatencyRunner.ms(Long.parseLong(f[3])), Long.parseLong(f[4]), LatencyRunner.ms(Long.parseLong(f[5]))));
                    System.err.println("  " + rows.get(rows.size() - 1));
                }
            }
        }
        System.out.printf(Locale.ROOT, "Chronicle → pass-through → Chronicle, %d-byte raw events, one worker; load average "
                + "%s before, %s after%n%n", size, loadBefore, Stats.loadAverage());
        rows.forEach(System.out::println);
    }

    private static List<String> fork(String jvmArgs, String... childArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String s : jvmArgs.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                cmd.add(s);
            }
        }
        cmd.addAll(List.of("-cp", Stats.forkClassPath(), ChronicleRunner.class.getName(), "--child"));
        cmd.addAll(List.of(childArgs));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> results = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    results.add(line.substring(RESULT.length()));
                } else {
                    System.err.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || results.isEmpty()) {
            throw new IllegalStateException(String.join(" ", childArgs) + " failed (exit code " + exit + ")");
        }
        return results;
    }

    /** CPU time of this whole JVM (every thread: workers, GC, JIT), nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void child(String mode, Path base, long events, int size, Duration interval, int runs, long rate,
                              long seconds, long warmup, Duration latencyInterval) throws Exception {
        Path work = Files.createTempDirectory(base, "sluice-chronicle-bench-");
        try {
            if (mode.startsWith("latency-")) {
                OpenLoopPassThrough.Result r = OpenLoopPassThrough.run(work, rate, seconds, warmup, size,
                        mode.equals("latency-exactly-once") ? latencyInterval : null);
                Histogram h = r.latency();
                System.out.println(RESULT + h.getValueAtPercentile(50) + " " + h.getValueAtPercentile(99) + " "
                        + h.getValueAtPercentile(99.9) + " " + h.getMaxValue() + " " + r.events() + " " + r.producerLagMaxNanos());
                return;
            }
            PassThroughRuns runner = new PassThroughRuns(work, events, size, interval);
            runner.run(mode, false); // warm-up
            for (int i = 0; i < runs; i++) {
                long cpuBefore = processCpuNanos();
                long nanos = runner.run(mode, false);
                long cpu = processCpuNanos() - cpuBefore;
                System.err.printf(Locale.ROOT, "    %s run %d: %s events/s, %.0f ns CPU per event%n", mode, i + 1,
                        Stats.rate(events * 1e9 / nanos), (double) cpu / events);
                System.out.println(RESULT + nanos + " " + cpu);
            }
            runner.run(mode, true); // checks the output queue (not timed)
        } finally {
            BenchmarkQueues.delete(work);
        }
    }
}
