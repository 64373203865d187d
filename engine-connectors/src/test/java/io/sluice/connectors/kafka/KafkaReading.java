package io.sluice.connectors.kafka;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Drives Kafka readers as a worker would: repeated non-blocking reads, with a time limit. */
final class KafkaReading {

    static final Duration LIMIT = Duration.ofSeconds(30);

    private KafkaReading() {
    }

    /** Reads round-robin from all readers until every one has returned END_OF_INPUT. */
    static <T> void drainAll(List<SourceReader<T>> readers, List<? extends SourceOutput<T>> outs, int batch)
            throws Exception {
        boolean[] ended = new boolean[readers.size()];
        int open = readers.size();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (open > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readers did not end within " + LIMIT);
            }
            boolean any = false;
            for (int i = 0; i < readers.size(); i++) {
                if (!ended[i]) {
                    ReadStatus s = readers.get(i).read(outs.get(i), batch);
                    if (s == ReadStatus.END_OF_INPUT) {
                        ended[i] = true;
                        open--;
                    }
                    any |= s == ReadStatus.MORE_AVAILABLE;
                }
            }
            if (!any) {
                Thread.sleep(1);
            }
        }
    }

    /** Reads until {@code done} holds. */
    static <T> void readUntil(SourceReader<T> reader, SourceOutput<T> out, int batch, BooleanSupplier done)
            throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + LIMIT);
            }
            if (reader.read(out, batch) == ReadStatus.NOTHING_AVAILABLE) {
                Thread.sleep(1);
            }
        }
    }
}
