package io.sluice.jobs.analytics.live;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.clickstream.Click;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code demo:} source of {@code user-analytics} ({@link DemoOptions}): generator → Chronicle queue → job,
 * all in this process. When the job opens the reader, a {@link ClickAppender} starts appending generated clicks
 * to the queue; the reader tails the queue through the {@code chronicle:} source and reports what it read, and
 * when ({@link IngestClock}), to the {@link LiveView}. Closing the reader stops the appender and deletes a
 * temporary queue.
 *
 * <p>Defining a pipeline with it does nothing yet: the queue directory is made when the job plans its splits,
 * so {@code sluice plan} leaves no trace. One split, one instance. Checkpoints are not supported (a temporary
 * queue would be gone on restore).
 */
public final class DemoSource implements Source<Click> {

    private static final Codec<Click> CODEC = Codecs.json(Click.class);

    private final DemoOptions options;
    private final LiveView view;
    private final Object lock = new Object();
    /** The prepared queue; guarded by {@link #lock}. */
    private Queue queue;

    public DemoSource(DemoOptions options, LiveView view) {
        this.options = options;
        this.view = view;
    }

    /** The queue directory and the chronicle: source and sink over it. */
    private record Queue(Path dir, boolean temporary, Source<Click> source, String sinkUri) {
    }

    @Override
    public String name() {
        return options.uri();
    }

    @Override
    public boolean isBounded() {
        return options.bounded();
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    @Override
    public long estimatedRecords() {
        return options.bounded() ? options.events() : -1;
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) throws Exception {
        return queue().source().createSplits(parallelism);
    }

    @Override
    public SourceReader<Click> createReader(SourceContext context) throws Exception {
        Queue q = queue();
        return new Reader(q, q.source().createReader(context), new ClickAppender(options, q.sinkUri()));
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return queue().source().splitCodec();
    }

    private Queue queue() {
        synchronized (lock) {
            if (queue == null) {
                queue = prepare();
            }
            return queue;
        }
    }

    /** Makes the queue directory: a new temporary one, or the given one if it is new or empty. */
    private Queue prepare() {
        try {
            Path dir = options.dir();
            boolean temporary = dir == null;
            if (temporary) {
                dir = Files.createTempDirectory("sluice-demo-");
                Path doomed = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(doomed), "sluice-demo-cleanup"));
            } else if (Files.exists(dir) && !isEmptyDirectory(dir)) {
                throw new BadInputException("parameter 'source': " + options.uri() + ": " + dir + " is not an empty "
                        + "directory (the demo writes a new queue; replay an old one with -p source=chronicle:" + dir
                        + "?until=latest)");
            } else {
                Files.createDirectories(dir);
            }
            // A temporary queue rolls every minute and keeps two, so a long demo does not fill the disk.
            String roll = temporary ? "?roll=MINUTELY" : "";
            Source<Click> source = Connectors.source("chronicle:" + dir + roll, CODEC);
            String sinkUri = "chronicle:" + dir + (temporary ? roll + "&retention=2m" : "");
            return new Queue(dir, temporary, source, sinkUri);
        } catch (IOException e) {
            throw new UncheckedIOException("demo: cannot make the queue directory: " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    /** Reads the queue, stamps what it read into the view, and ends a bounded demo after the last appended click. */
    private final class Reader implements SourceReader<Click>, LiveView.Feed {
        private final Queue queue;
        private final SourceReader<Click> tail;
        private final ClickAppender appender;
        private final Stamping stamping;
        private volatile long readPublished;

        Reader(Queue queue, SourceReader<Click> tail, ClickAppender appender) {
            this.queue = queue;
            this.tail = tail;
            this.appender = appender;
            this.stamping = new Stamping(view.ingestClock());
        }

        @Override
        public void open() throws Exception {
            tail.open();
            appender.start();
            view.feed(this);
        }

        @Override
        public ReadStatus read(SourceOutput<Click> out, int maxRecords) throws Exception {
            Throwable failure = appender.failure();
            if (failure != null) {
                throw new IllegalStateException("the demo's generator failed: " + failure, failure);
            }
            boolean finished = appender.done(); // before appended(): once done, appended is final
            long appended = appender.appended();
            stamping.target(out);
            ReadStatus status = tail.read(stamping, maxRecords);
            long read = stamping.count();
            readPublished = read;
            if (options.bounded() && finished && read >= appended) {
                return ReadStatus.END_OF_INPUT;
            }
            return status;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            return tail.snapshotSplits(checkpointId);
        }

        @Override
        public void close() throws Exception {
            try {
                appender.stop();
            } finally {
                try {
                    tail.close();
                } finally {
                    if (queue.temporary()) {
                        deleteQuietly(queue.dir());
                    }
                }
            }
        }

        @Override
        public long clicksRead() {
            return readPublished;
        }

        @Override
        public long clicksAppended() {
            return appender.appended();
        }

        @Override
        public String queue() {
            return queue.dir().toString();
        }
    }

    /**
     * Passes the queue's records on and notes, per record, the event time read and how many. The chronicle reader
     * asks once for the output of its split ({@link #forSplit}), which stamps into the same counters.
     */
    private static final class Stamping implements SourceOutput<Click> {
        private final IngestClock clock;
        private final long[] count;
        private SourceOutput<Click> target;
        private Stamping split;

        Stamping(IngestClock clock) {
            this(clock, new long[1]);
        }

        private Stamping(IngestClock clock, long[] count) {
            this.clock = clock;
            this.count = count;
        }

        void target(SourceOutput<Click> out) {
            if (target != out) {
                target = out;
                split = null;
            }
        }

        long count() {
            return count[0];
        }

        @Override
        public void emit(Click record) {
            clock.observe(record.ts());
            count[0]++;
            target.emit(record);
        }

        @Override
        public void emit(Click record, long timestamp) {
            clock.observe(record.ts());
            count[0]++;
            target.emit(record, timestamp);
        }

        @Override
        public void emitWatermark(long watermark) {
            target.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            target.markIdle();
        }

        @Override
        public SourceOutput<Click> forSplit(String splitId) {
            if (split == null) {
                split = new Stamping(clock, count);
                split.target = target.forSplit(splitId);
            }
            return split;
        }
    }
}
