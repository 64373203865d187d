package io.sluice.benchmarks.chronicle;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Queues for the Chronicle benchmarks, written and read through the {@code chronicle:} connector itself (so the
 * excerpts have the connector's layout): small raw-bytes events whose first 8 bytes are a number (a sequence
 * number, or an intended send time), big-endian, and the rest filler.
 */
public final class BenchmarkQueues {

    private BenchmarkQueues() {
    }

    /** A {@code size}-byte event carrying {@code value} in its first 8 bytes. */
    public static byte[] event(int size, long value) {
        byte[] e = new byte[Math.max(8, size)];
        for (int i = 8; i < e.length; i++) {
            e[i] = (byte) ('a' + i % 26);
        }
        put(e, value);
        return e;
    }

    static void put(byte[] e, long value) {
        for (int i = 0; i < 8; i++) {
            e[i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    public static long valueOf(byte[] e) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (e[i] & 0xff);
        }
        return v;
    }

    /** Appends {@code events} events of {@code size} bytes numbered 0, 1, ... to the queue in {@code dir}. */
    public static void load(Path dir, long events, int size) throws Exception {
        byte[] e = event(size, 0);
        try (SinkWriter<byte[]> w = writer(dir)) {
            for (long i = 0; i < events; i++) {
                put(e, i);
                w.write(e);
            }
            w.flush();
        }
    }

    /** A plain (not transactional) writer of {@code chronicle:<dir>}. */
    public static SinkWriter<byte[]> writer(Path dir) throws Exception {
        return Connectors.sink("chronicle:" + dir, Codecs.bytes()).createWriter(plainContext());
    }

    /** Reads the whole queue through a bounded {@code chronicle:} source; returns the count and the sum of the numbers. */
    public static long[] countAndSum(Path dir) throws Exception {
        Source<byte[]> source = Connectors.source("chronicle:" + dir + "?until=latest", Codecs.bytes());
        long[] result = new long[2];
        try (SourceReader<byte[]> reader = source.createReader(SourceContext.of("check", 0, 1, source.createSplits(1)))) {
            reader.open();
            SourceOutput<byte[]> out = new Counting(result);
            while (reader.read(out, 4096) != ReadStatus.END_OF_INPUT) {
                Thread.onSpinWait();
            }
        }
        return result;
    }

    /** Deletes a directory tree, if there is one. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static SinkContext plainContext() {
        return new SinkContext() {
            @Override
            public int instanceIndex() {
                return 0;
            }

            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public String jobName() {
                return "benchmark";
            }

            @Override
            public boolean checkpointingEnabled() {
                return false;
            }
        };
    }

    /** Counts events and sums their numbers. */
    static final class Counting implements SourceOutput<byte[]> {
        private final long[] countAndSum;

        Counting(long[] countAndSum) {
            this.countAndSum = countAndSum;
        }

        @Override
        public void emit(byte[] record) {
            countAndSum[0]++;
            countAndSum[1] += valueOf(record);
        }

        @Override
        public void emit(byte[] record, long timestamp) {
            emit(record);
        }

        @Override
        public void emitWatermark(long watermark) {
        }

        @Override
        public void markIdle() {
        }
    }
}
