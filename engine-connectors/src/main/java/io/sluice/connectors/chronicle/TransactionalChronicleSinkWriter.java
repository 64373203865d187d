package io.sluice.connectors.chronicle;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.TwoPhaseCommitSinkWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The exactly-once {@code chronicle:} writer, used when the job takes checkpoints (see {@link ChronicleSink} for
 * why it stages and how readers see it). Records of the open epoch go to a staged file
 * ({@link StagedEpoch}) in {@code <queue>.staging/<writer>/}; at barrier {@code n} it is closed as
 * {@code <run>-<n>.staged} and becomes the committable; when checkpoint {@code n} completes its records are
 * appended to the queue in batches ({@link ExcerptBatch}: records staged with the same write time, up to the
 * sink's batch size per excerpt) as version 4 excerpts carrying this writer's tag (version 2 with {@code batch=1};
 * {@link ExcerptLayout}). A record's write time is when the first record of its batch of the worker came.
 *
 * <p>The {@link ChronicleCommitLog} makes commits idempotent and crash-safe:
 * <ul>
 *   <li>a transaction at or before the last committed one is done (its leftover file is deleted);</li>
 *   <li>before appending, the log records the intent (this transaction, and the queue's last index, after which
 *   its excerpts will be); after the last append it records the transaction as committed;</li>
 *   <li>a commit of the transaction a crash interrupted (the intent) first counts the records of this writer's
 *   excerpts after the recorded index, which are exactly the ones it already appended (an excerpt is appended
 *   whole or not at all), and appends only the rest.</li>
 * </ul>
 * Each start of the writer takes the next run number, so transactions of different runs never mix up, also
 * when a job is restored from an older checkpoint. A fresh (not restored) start discards staged files; a
 * restored one keeps those the restore commits. A lock file keeps a second live writer with the same id off.
 *
 * <p>Owned by one worker thread: created, restored, written, committed and closed on it (Chronicle appenders and
 * tailers are confined to one thread).
 *
 * @param <T> the record type
 */
final class TransactionalChronicleSinkWriter<T> implements TwoPhaseCommitSinkWriter<T, ChronicleTxn> {

    static final String STAGING_SUFFIX = ".staging";
    private static final String IN_PROGRESS = "open.inprogress";

    private final Codec<T> codec;
    /** The excerpt being assembled at a commit (with this writer's tag). */
    private final ExcerptBatch excerpt;
    private final TimeProvider time;
    /** The write time of the records of the worker's current batch; {@link #timeStale} after each flush. */
    private long writeTime;
    private boolean timeStale = true;
    private final Path writerDir;
    private final int tag;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final SingleChronicleQueue queue;
    private final Retention retention;
    private ExcerptAppender appender;
    private ChronicleCommitLog log;
    private StagedEpoch.Writer open;

    /**
     * @param writerId names this writer among every exactly-once writer of the queue, stable across restarts
     *                 (the job's name, the sink's uid and instance)
     * @param restored whether the job was restored from a checkpoint
     */
    TransactionalChronicleSinkWriter(Path dir, RollCycle roll, Duration retention, Codec<T> codec, byte[] stamp,
                                     int batch, TimeProvider time, String writerId, boolean restored) throws IOException {
        this.codec = codec;
        this.time = time;
        this.writerDir = stagingDir(dir, writerId);
        this.tag = tagOf(writerId);
        this.excerpt = new ExcerptBatch(batch, true, tag, stamp);
        Files.createDirectories(writerDir);
        this.lockFile = FileChannel.open(writerDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockFile.close();
            throw new BadInputException("another exactly-once writer '" + writerId + "' is writing to " + dir
                    + " (another run of the same job is still running)");
        }
        this.lock = acquired;
        boolean opened = false;
        try {
            deleteStaged(p -> p.getFileName().toString().equals(IN_PROGRESS)); // an epoch no checkpoint closed
            this.queue = ChronicleQueues.open(dir, roll, time);
            ChronicleCommitLog previous = ChronicleCommitLog.read(writerDir);
            if (restored && previous != null) {
                log = previous.nextRun(); // keep what was committed and any torn commit's intent
            } else {
                if (!restored) {
                    deleteStaged(p -> p.getFileName().toString().endsWith(".staged"));
                }
                log = ChronicleCommitLog.fresh(previous == null ? 1 : previous.run() + 1, queue.lastIndex());
            }
            log.write(writerDir);
            this.retention = retention == null ? null : new Retention(queue, retention);
            opened = true;
        } finally {
            if (!opened) {
                close();
            }
        }
    }

    /** {@code <queue>.staging/<writer id, as a file name>}. */
    static Path stagingDir(Path queueDir, String writerId) {
        return Path.of(queueDir + STAGING_SUFFIX).resolve(writerId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The writer's tag in its excerpts: a 32-bit FNV-1a hash of its id. */
    static int tagOf(String writerId) {
        int h = 0x811c9dc5;
        for (byte b : writerId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return h;
    }

    @Override
    public void write(T record) throws IOException {
        if (open == null) {
            open = new StagedEpoch.Writer(writerDir.resolve(IN_PROGRESS));
        }
        if (timeStale) {
            writeTime = time.currentTimeMillis(); // once per batch of the worker, not per record: 20+ ns saved
            timeStale = false;
        }
        open.append(codec, record, writeTime);
    }

    /** Staged records reach the queue only when committed; the next record starts a new write time. */
    @Override
    public void flush() {
        timeStale = true;
    }

    @Override
    public ChronicleTxn preCommit(long checkpointId) throws IOException {
        if (open == null) {
            return new ChronicleTxn(log.run(), checkpointId, 0); // an empty epoch stages nothing
        }
        ChronicleTxn txn = new ChronicleTxn(log.run(), checkpointId, open.records());
        open.close();
        Files.move(open.file(), writerDir.resolve(txn.fileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        open = null;
        return txn;
    }

    @Override
    public void commit(ChronicleTxn txn) throws IOException {
        if (txn.count() == 0) {
            return;
        }
        Path staged = writerDir.resolve(txn.fileName());
        if (log.hasCommitted(txn)) {
            Files.deleteIfExists(staged); // appended before a crash; only the cleanup was missing
            return;
        }
        if (!Files.exists(staged)) {
            throw new IOException("the output staged for checkpoint " + txn.checkpointId() + " is missing: " + staged);
        }
        if (appender == null) {
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true); // confined to the worker thread
        }
        long already = 0;
        long lastIndex = log.startIndex();
        if (log.isTorn(txn)) {
            long[] found = countOwnRecordsAfter(log.startIndex());
            already = found[0];
            if (already > txn.count()) {
                throw new IOException(writerDir + ": found " + already + " records of the interrupted commit of "
                        + "checkpoint " + txn.checkpointId() + ", which has only " + txn.count());
            }
            if (already > 0) {
                lastIndex = found[1];
            }
        } else {
            lastIndex = queue.lastIndex();
            log = log.appending(txn, lastIndex);
            log.write(writerDir);
        }
        long appended = append(staged, already);
        if (already + appended != txn.count()) {
            throw new IOException(staged + " holds " + (already + appended) + " records, its checkpoint recorded "
                    + txn.count());
        }
        if (appended > 0) {
            lastIndex = appender.lastIndexAppended();
        }
        log = log.committed(txn, lastIndex);
        log.write(writerDir);
        Files.delete(staged);
        if (retention != null) {
            retention.maybeApply();
        }
    }

    /**
     * Appends the staged records after the first {@code skip}, in batches of records with the same write time;
     * returns how many it appended.
     */
    private long append(Path staged, long skip) throws IOException {
        long seen = 0;
        long appended = 0;
        long batchTime = 0;
        excerpt.clear();
        try (StagedEpoch.Cursor records = new StagedEpoch.Cursor(staged)) {
            while (records.next()) {
                if (seen++ < skip) {
                    continue;
                }
                if (!excerpt.isEmpty() && records.writeTime() != batchTime) {
                    excerpt.appendTo(appender, batchTime);
                }
                if (excerpt.isEmpty()) {
                    batchTime = records.writeTime();
                }
                excerpt.add(records.array(), records.offset(), records.length());
                appended++;
                if (excerpt.isFull()) {
                    excerpt.appendTo(appender, batchTime);
                }
            }
        }
        if (!excerpt.isEmpty()) {
            excerpt.appendTo(appender, batchTime);
        }
        return appended;
    }

    /** The records of this writer's excerpts after {@code index}: how many, and the index of its last excerpt. */
    private long[] countOwnRecordsAfter(long index) {
        long count = 0;
        long last = index;
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (index < 0 || !tailer.moveToIndex(index)) {
                if (index >= 0 && index >= queue.firstIndex()) {
                    throw new IllegalStateException(writerDir + ": the queue has no excerpt at index " + index
                            + " recorded by the commit log");
                }
                tailer.toStart(); // empty then, or deleted by retention since
            } else {
                try (DocumentContext dc = tailer.readingDocument()) {
                    // skips the excerpt at index: the commit's excerpts come after it
                }
            }
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    int own = ExcerptLayout.recordsTaggedBy(dc.wire().bytes(), tag);
                    if (own > 0) {
                        count += own;
                        last = dc.index();
                    }
                }
            }
        }
        return new long[] {count, last};
    }

    @Override
    public void abort(ChronicleTxn txn) throws IOException {
        Files.deleteIfExists(writerDir.resolve(txn.fileName()));
    }

    @Override
    public Codec<ChronicleTxn> committableCodec() {
        return ChronicleTxnCodec.INSTANCE;
    }

    /** Cycle files deleted by retention so far (tests). */
    long deletedCycles() {
        return retention == null ? 0 : retention.deleted();
    }

    private void deleteStaged(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> files = Files.list(writerDir)) {
            for (Path p : files.filter(which).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (open != null) {
                open.close(); // the open epoch stays in progress; the next start deletes it
                open = null;
            }
        } finally {
            try {
                if (appender != null) {
                    appender.close();
                }
                if (queue != null) {
                    queue.close();
                }
            } finally {
                if (lock != null) {
                    lock.release();
                }
                lockFile.close();
            }
        }
    }
}
