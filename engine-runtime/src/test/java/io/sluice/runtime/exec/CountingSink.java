package io.sluice.runtime.exec;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Discards records and counts them; optionally spends {@code nanosPerRecord} on each, like a slow system. */
final class CountingSink<T> implements Sink<T> {

    final AtomicLong written = new AtomicLong();
    private final long nanosPerRecord;

    CountingSink(long nanosPerRecord) {
        this.nanosPerRecord = nanosPerRecord;
    }

    static <T> CountingSink<T> slow(long micros) {
        return new CountingSink<>(TimeUnit.MICROSECONDS.toNanos(micros));
    }

    @Override
    public String name() {
        return nanosPerRecord > 0 ? "slow" : "count";
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T record) {
                if (nanosPerRecord > 0) {
                    LockSupport.parkNanos(nanosPerRecord);
                }
                written.incrementAndGet();
            }

            @Override
            public void close() {
            }
        };
    }
}
