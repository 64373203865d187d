package io.sluice.jobs.analytics.live;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.clickstream.Click;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The demo's producer: a thread of its own that reads the {@code gen:clickstream} generator at the demo's rate
 * (it paces itself against the wall clock), passes the clicks through {@link Chaos} and appends them to the
 * Chronicle queue through the {@code chronicle:} sink (batched excerpts, flushed after each read of the
 * generator, so no click waits for the next). The job reads the queue as any other
 * source, so the queue is the replayable log between the two, as a Kafka topic would be.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} once (from any thread). What it appended so far
 * ({@link #appended()}), whether it is {@link #done()} and why it failed ({@link #failure()}) are safe to read
 * from any thread; {@code appended} is final once {@code done} reads true.
 */
final class ClickAppender implements Runnable {

    private static final int BATCH = 1024;
    private static final long IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final DemoOptions options;
    private final String queueUri;
    private final Chaos chaos;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean done;
    private volatile long appendedPublished;
    private volatile Throwable failure;
    /** Written by the appender thread only; published through {@link #appendedPublished} after each batch. */
    private long appended;

    ClickAppender(DemoOptions options, String queueUri) {
        this.options = options;
        this.queueUri = queueUri;
        this.chaos = new Chaos(options.chaos());
        this.thread = new Thread(this, "sluice-demo-generator");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the thread to stop and waits for it (it closes the queue on its way out). */
    void stop() throws InterruptedException {
        stopped = true;
        if (thread.isAlive()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    long appended() {
        return appendedPublished;
    }

    boolean done() {
        return done;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        Codec<Click> codec = Codecs.json(Click.class);
        Source<Click> generator = Connectors.source(options.generatorUri(), codec);
        try (SinkWriter<Click> queue = Connectors.sink(queueUri, codec).createWriter(SINK_CONTEXT)) {
            SourceReader<Click> reader = generator.createReader(sourceContext(generator.createSplits(1)));
            try (reader) {
                reader.open();
                Appending out = new Appending(queue);
                while (!stopped) {
                    ReadStatus status = reader.read(out, BATCH);
                    out.rethrow();
                    queue.flush();
                    appendedPublished = appended;
                    if (status == ReadStatus.END_OF_INPUT) {
                        chaos.finish(out.toQueue);
                        out.rethrow();
                        appendedPublished = appended;
                        break;
                    }
                    if (status == ReadStatus.NOTHING_AVAILABLE) {
                        LockSupport.parkNanos(IDLE_NANOS);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            appendedPublished = appended;
            done = true;
        }
    }

    /** Takes the generator's clicks, through the chaos, into the queue. */
    private final class Appending implements SourceOutput<Click> {
        private final SinkWriter<Click> queue;
        private final Consumer<Click> toQueue = this::append;
        private Exception error;

        Appending(SinkWriter<Click> queue) {
            this.queue = queue;
        }

        @Override
        public void emit(Click record) {
            chaos.offer(record, toQueue);
        }

        @Override
        public void emit(Click record, long timestamp) {
            chaos.offer(record, toQueue);
        }

        @Override
        public void emitWatermark(long watermark) {
            // the job makes its own watermarks from the clicks' ts
        }

        @Override
        public void markIdle() {
        }

        private void append(Click click) {
            if (error != null) {
                return;
            }
            try {
                queue.write(click);
                appended++;
            } catch (Exception e) {
                error = e;
            }
        }

        void rethrow() throws Exception {
            if (error != null) {
                throw error;
            }
        }
    }

    private static SourceContext sourceContext(List<SourceSplit> splits) {
        return SourceContext.of("user-analytics-demo", 0, 1, splits);
    }

    private static final SinkContext SINK_CONTEXT = new SinkContext() {
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
            return "user-analytics-demo";
        }

        @Override
        public boolean checkpointingEnabled() {
            return false;
        }
    };
}
