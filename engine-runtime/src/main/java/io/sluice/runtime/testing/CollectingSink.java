package io.sluice.runtime.testing;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sink for tests that keeps every record in memory. Several instances may write at once (it uses a
 * lock-free queue); read {@link #items()} after the job ended for a complete view.
 *
 * @param <T> the record type
 */
public final class CollectingSink<T> implements Sink<T> {

    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final String name;

    public CollectingSink() {
        this("collect");
    }

    public CollectingSink(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Everything written so far, in arrival order. */
    public List<T> items() {
        return new ArrayList<>(items);
    }

    public int size() {
        return items.size();
    }

    public void clear() {
        items.clear();
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T record) {
                items.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}
