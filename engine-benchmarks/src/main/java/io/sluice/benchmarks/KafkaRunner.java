package io.sluice.benchmarks;

import io.sluice.api.connector.Durations;
import io.sluice.benchmarks.kafka.KafkaPassThrough;
import io.sluice.benchmarks.runner.RunnerArgs;
import io.sluice.benchmarks.runner.Stats;
import io.sluice.connectors.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Kafka → pass-through → Kafka on this machine, against a single-node broker this runner starts in its own JVM
 * (KRaft, the test kit of design.md §10; log directories in a temporary directory, deleted afterwards): the
 * throughput of the job at-least-once and exactly-once over {@code --events} events of {@code --size} bytes, and
 * open-loop end-to-end latency at each of {@code --rates} ({@link KafkaPassThrough}).
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.KafkaRunner \
 *      [--events 2000000] [--size 100] [--partitions 2] [--modes at-least-once,exactly-once] [--interval 1s] \
 *      [--runs 3] [--rates 10000,50000] [--seconds 10] [--warmup 5] [--latency-interval 100ms] \
 *      [--no-throughput] [--no-latency]
 * </pre>
 *
 * <p>The broker, the job and the load generator share the machine's cores: the figures are for the whole loop.
 * Throughput: one warm-up run and {@code --runs} measured ones per mode, the median reported, the last run's
 * output checked (every event once, for a {@code read_committed} reader). Exactly-once latency is bounded below
 * by the checkpoint interval, since output becomes visible when its checkpoint completes.
 */
public final class KafkaRunner {

    static final Set<String> OPTIONS = Set.of("events", "size", "partitions", "modes", "interval", "runs", "rates",
            "seconds", "warmup", "latency-interval");
    static final Set<String> FLAGS = Set.of("no-latency", "no-throughput");
    static final List<String> MODES = List.of("at-least-once", "exactly-once");

    private KafkaRunner() {
    }

    public static void main(String[] args) throws Exception {
        // the broker and the clients log every configuration at INFO; keep the output to the figures
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        RunnerArgs a;
        try {
            a = RunnerArgs.parse(args, OPTIONS, FLAGS);
            for (String m : a.getList("modes", String.join(",", MODES))) {
                if (!MODES.contains(m)) {
                    throw new IllegalArgumentException("unknown mode '" + m + "'; modes: " + MODES);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("KafkaRunner: " + e.getMessage());
            System.err.println("usage: KafkaRunner [--events 2000000] [--size 100] [--partitions 2]"
                    + " [--modes at-least-once,exactly-once] [--interval 1s] [--runs 3] [--rates 10000,50000]"
                    + " [--seconds 10] [--warmup 5] [--latency-interval 100ms] [--no-throughput] [--no-latency]");
            System.exit(2);
            return;
        }
        long events = a.getLong("events", 2_000_000);
        int size = a.getInt("size", 100);
        int partitions = a.getInt("partitions", 2);
        Duration interval = Durations.parse(a.get("interval", "1s"));
        Duration latencyInterval = Durations.parse(a.get("latency-interval", "100ms"));
        int runs = a.getInt("runs", 3);
        long seconds = a.getLong("seconds", 10);
        long warmup = a.getLong("warmup", 5);
        List<String> modes = a.getList("modes", String.join(",", MODES));

        String loadBefore = Stats.loadAverage();
        Path work = Files.createTempDirectory("sluice-kafka-bench-");
        List<String> rows = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start()) {
            KafkaPassThrough bench = new KafkaPassThrough(kafka, partitions);
            System.err.printf(Locale.ROOT, "KafkaRunner: broker %s, %d partitions, %,d events of %d bytes; load average %s%n",
                    kafka.bootstrap(), partitions, events, size, loadBefore);
            if (!a.flag("no-throughput")) {
                String in = bench.topic("in");
                long t0 = System.nanoTime();
                bench.load(in, events, size);
                double loadRate = events * 1e9 / (System.nanoTime() - t0);
                System.err.printf(Locale.ROOT, "  loaded %,d events at %s events/s%n", events, Stats.rate(loadRate));
                rows.add("| mode | events | events/s (median) | runs |");
                rows.add("|---|---|---|---|");
                rows.add(String.format(Locale.ROOT, "| (loading the input: a plain producer, acks=all) | %,d | %s | 1 |",
                        events, Stats.rate(loadRate)));
                for (String mode : modes) {
                    Duration checkpoints = mode.equals("exactly-once") ? interval : null;
                    bench.throughput(in, bench.topic("warmup"), checkpoints, work); // warm-up
                    List<Double> rates = new ArrayList<>();
                    String out = null;
                    for (int i = 0; i < runs; i++) {
                        out = bench.topic("out");
                        long nanos = bench.throughput(in, out, checkpoints, work);
                        rates.add(events * 1e9 / nanos);
                        System.err.printf(Locale.ROOT, "    %s run %d: %s events/s%n", mode, i + 1, Stats.rate(rates.get(i)));
                    }
                    long[] check = bench.countAndSum(out);
                    if (check[0] != events || check[1] != events * (events - 1) / 2) {
                        throw new IllegalStateException(mode + ": the output has " + check[0] + " events (sum " + check[1]
                                + "), expected each of the " + events + " once");
                    }
                    List<String> each = new ArrayList<>();
                    rates.forEach(r -> each.add(Stats.rate(r)));
                    rows.add(String.format(Locale.ROOT, "| %s%s | %,d | %s | %s |", mode,
                            checkpoints == null ? "" : " (checkpoint every " + interval.toMillis() + " ms)", events,
                            Stats.rate(Stats.median(rates)), String.join(", ", each)));
                    System.err.println("  " + rows.get(rows.size() - 1));
                }
                rows.add("");
            }
            if (!a.flag("no-latency")) {
                rows.add("| mode | events/s | p50 | p99 | p99.9 | max | events | producer lag max |");
                rows.add("|---|---|---|---|---|---|---|---|");
                for (String mode : modes) {
                    Duration checkpoints = mode.equals("exactly-once") ? latencyInterval : null;
                    for (long rate : a.getLongs("rates", "10000,50000")) {
                        KafkaPassThrough.LatencyResult r = bench.latency(rate, seconds, warmup, size, checkpoints, work);
                        Histogram h = r.latency();
                        rows.add(String.format(Locale.ROOT, "| %s%s | %,d | %s | %s | %s | %s | %,d | %s |", mode,
                                checkpoints == null ? "" : " (checkpoint every " + latencyInterval.toMillis() + " ms)",
                                rate, LatencyRunner.ms(h.getValueAtPercentile(50)), LatencyRunner.ms(h.getValueAtPercentile(99)),
                                LatencyRunner.ms(h.getValueAtPercentile(99.9)), LatencyRunner.ms(h.getMaxValue()),
                                r.events(), LatencyRunner.ms(r.producerLagMaxNanos())));
                        System.err.println("  " + rows.get(rows.size() - 1));
                    }
                }
            }
        } finally {
            deleteTree(work);
        }
        System.out.printf(Locale.ROOT, "Kafka → pass-through → Kafka, %d-byte raw events, %d partitions, in-process broker;"
                + " load average %s before, %s after%n%n", size, partitions, loadBefore, Stats.loadAverage());
        rows.forEach(System.out::println);
        System.exit(0); // the broker's and clients' non-daemon threads
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
