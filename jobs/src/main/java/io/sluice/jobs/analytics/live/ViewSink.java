package io.sluice.jobs.analytics.live;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.util.function.Consumer;

/**
 * A result stream of the job going into the {@link LiveView}. One instance (the view keeps the latest result,
 * not every result); its writer keeps the view's renderer running while it is open.
 *
 * <p>Its name starts with {@code console:} because that is where the view ends up: {@code sluice run} then
 * shows no progress line of its own over the view.
 *
 * @param <T> the result type
 */
final class ViewSink<T> implements Sink<T> {

    private final String stream;
    private final LiveView view;
    private final Consumer<? super T> onRecord;

    ViewSink(String stream, LiveView view, Consumer<? super T> onRecord) {
        this.stream = stream;
        this.view = view;
        this.onRecord = onRecord;
    }

    @Override
    public String name() {
        return "console:live-view/" + stream;
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        view.attach();
        return new SinkWriter<>() {
            private boolean closed;

            @Override
            public void write(T record) {
                onRecord.accept(record);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    view.detach();
                }
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
