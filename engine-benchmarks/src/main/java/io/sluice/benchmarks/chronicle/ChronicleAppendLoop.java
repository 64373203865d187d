package io.sluice.benchmarks.chronicle;

import io.sluice.benchmarks.runner.RunnerArgs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Chronicle's own append cost on this machine, with no Sluice code: a loop of {@code writingDocument()} appends of
 * {@code --size}-byte records, one record per excerpt ({@code --batch 1}) or {@code --batch n} records per excerpt
 * (each with a stop-bit length), into a fresh FAST_DAILY queue. Prints the appending thread's CPU time and the wall
 * time per record of each round; the first round is warm-up. The queue is deleted after each round.
 *
 * <pre>
 * java --add-opens=... -cp benchmarks.jar io.sluice.benchmarks.chronicle.ChronicleAppendLoop \
 *      [--records 5000000] [--size 43] [--batches 1,4,16,64] [--rounds 4] [--dir /tmp]
 * </pre>
 */
public final class ChronicleAppendLoop {

    private ChronicleAppendLoop() {
    }

    public static void main(String[] args) throws Exception {
        RunnerArgs a = RunnerArgs.parse(args, Set.of("records", "size", "batches", "rounds", "dir"), Set.of());
        int records = a.getInt("records", 5_000_000);
        byte[] record = BenchmarkQueues.event(a.getInt("size", 43), 0);
        List<Long> batches = a.getLongs("batches", "1,4,16,64");
        int rounds = a.getInt("rounds", 4);
        Path base = Path.of(a.get("dir", System.getProperty("java.io.tmpdir")));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long b : batches) {
            int batch = (int) b;
            for (int round = 0; round < rounds; round++) {
                Path dir = Files.createTempDirectory(base, "append-loop");
                try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY)
                        .build();
                     ExcerptAppender appender = queue.createAppender()) {
                    appender.singleThreadedCheckDisabled(true);
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    append(appender, record, records, batch);
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    wall = System.nanoTime() - wall;
                    System.out.printf(Locale.ROOT, "batch %d round %d%s: %.1f ns CPU, %.1f ns wall per record%n", batch,
                            round, round == 0 ? " (warm-up)" : "", cpu / (double) records, wall / (double) records);
                } finally {
                    BenchmarkQueues.delete(dir);
                }
            }
        }
    }

    private static void append(ExcerptAppender appender, byte[] record, int records, int batch) {
        for (int i = 0; i < records; i += batch) {
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                if (batch == 1) {
                    bytes.write(record, 0, record.length);
                } else {
                    for (int j = 0; j < batch; j++) {
                        bytes.writeStopBit(record.length);
                        bytes.write(record, 0, record.length);
                    }
                }
            }
        }
    }
}
