package io.sluice.connectors.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.SourceReader;
import io.sluice.connectors.schema.SchemaId;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.SplitCollectingOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once Chronicle output on real queues: staged per epoch, appended on commit, idempotent and crash-safe. */
class TransactionalChronicleSinkWriterTest {

    private static final String WRITER = "job-0";

    @TempDir
    Path dir;

    private Path queue() {
        return dir.resolve("out");
    }

    /** Batches of at most {@link #BATCH} records: an epoch of four records takes two excerpts. */
    private static final int BATCH = 3;

    private TransactionalChronicleSinkWriter<String> writer(boolean restored) throws Exception {
        return new TransactionalChronicleSinkWriter<>(queue(), ChronicleQueues.DEFAULT_ROLL, null, Codecs.strings(),
                SchemaId.of("text", 1).toBytes(), BATCH, SystemTimeProvider.INSTANCE, WRITER, restored);
    }

    /** What a reader of the queue sees: our source, bounded. */
    private List<String> readBack() throws Exception {
        if (!Files.exists(queue())) {
            return List.of();
        }
        SourceReader<String> reader = Readers.open(Connectors.source("chronicle:" + queue() + "?until=latest",
                Codecs.strings()), 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(reader, out);
        reader.close();
        return out.records();
    }

    @Test
    void onlyCommittedEpochsReachTheQueueInOrderAndOnce() throws Exception {
        TransactionalChronicleSinkWriter<String> w = writer(false);
        w.write("a");
        w.write("b");
        ChronicleTxn c1 = w.preCommit(1);
        w.write("c");
        ChronicleTxn c2 = w.preCommit(2);
        ChronicleTxn empty = w.preCommit(3);
        w.write("d"); // the open epoch: never staged, never visible
        w.flush();
        assertThat(readBack()).isEmpty();

        w.commit(c1);
        assertThat(readBack()).containsExactly("a", "b");
        w.commit(c2);
        w.commit(c1); // again: no effect
        w.commit(empty);
        assertThat(readBack()).containsExactly("a", "b", "c");
        assertThat(new ChronicleTxn(c1.run(), 1, 2)).isEqualTo(c1);
        w.close();
        try (var files = Files.list(TransactionalChronicleSinkWriter.stagingDir(queue(), WRITER))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("committed epochs leave no staged file").containsExactlyInAnyOrder("commit.log", "lock", "open.inprogress");
        }
    }

    @Test
    void aRestoredWriterSkipsWhatWasCommittedAndCommitsWhatTheCheckpointStaged() throws Exception {
        TransactionalChronicleSinkWriter<String> first = writer(false);
        first.write("1");
        ChronicleTxn c5 = first.preCommit(5);
        first.commit(c5);
        first.write("2");
        ChronicleTxn c6 = first.preCommit(6); // checkpoint 6 is durable, then the process dies before the commit
        first.write("lost");
        first.close();

        TransactionalChronicleSinkWriter<String> second = writer(true);
        second.commit(c5); // the restored checkpoint may still list an old committable
        second.commit(c6);
        second.commit(c6);
        second.write("3");
        second.commit(second.preCommit(7));
        second.close();
        assertThat(readBack()).containsExactly("1", "2", "3");
    }

    @Test
    void aCommitCutShortByACrashIsCompletedOnRestoreWithoutDuplicates() throws Exception {
        TransactionalChronicleSinkWriter<String> first = writer(false);
        first.write("a");
        first.commit(first.preCommit(1));
        // killed in the middle of committing epoch 2: two of its four records appended, one excerpt each (the
        // layout before batches), with an excerpt of another program appended in between
        int tag = TransactionalChronicleSinkWriter.tagOf(WRITER);
        ChronicleTxn torn = tornCommit(first, List.of("b", "c", "d", "e"), 2, appender -> {
            append(appender, tag, "b");
            append(appender, 0x5eed, "other");
            append(appender, tag, "c");
        });

        TransactionalChronicleSinkWriter<String> second = writer(true);
        second.commit(torn);
        second.write("f");
        second.commit(second.preCommit(3));
        second.close();
        assertThat(readBack()).containsExactly("a", "b", "other", "c", "d", "e", "f");
    }

    /**
     * Stages {@code epoch} as checkpoint {@code checkpointId}'s transaction and closes {@code writer}, then leaves
     * what a process killed in the middle of committing it leaves: the intent in the commit log, then what
     * {@code crashed} appends. Returns the transaction.
     */
    private ChronicleTxn tornCommit(TransactionalChronicleSinkWriter<String> writer, List<String> epoch, long checkpointId,
                                    java.util.function.Consumer<ExcerptAppender> crashed) throws Exception {
        for (String s : epoch) {
            writer.write(s);
        }
        ChronicleTxn torn = writer.preCommit(checkpointId);
        writer.close();
        Path writerDir = TransactionalChronicleSinkWriter.stagingDir(queue(), WRITER);
        try (SingleChronicleQueue q = ChronicleQueues.open(queue(), ChronicleQueues.DEFAULT_ROLL, SystemTimeProvider.INSTANCE);
             ExcerptAppender appender = q.createAppender()) {
            ChronicleCommitLog.read(writerDir).appending(torn, q.lastIndex()).write(writerDir);
            crashed.accept(appender);
        }
        return torn;
    }

    /** Appends one excerpt of the writer tagged {@code tag}: version 2 for one record, version 4 for several. */
    private static void append(ExcerptAppender appender, int tag, String... records) {
        ExcerptBatch batch = new ExcerptBatch(records.length, true, tag, null);
        for (String r : records) {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            batch.add(b, 0, b.length);
        }
        batch.appendTo(appender, System.currentTimeMillis());
    }

    @Test
    void aCommitTornBetweenTwoBatchExcerptsAppendsOnlyTheRecordsOfTheMissingOnes() throws Exception {
        // killed after the first two of its three excerpts (3 + 3 + 1 records), another program appending in between
        int tag = TransactionalChronicleSinkWriter.tagOf(WRITER);
        ChronicleTxn torn = tornCommit(writer(false), List.of("b", "c", "d", "e", "f", "g", "h"), 1, appender -> {
            append(appender, tag, "b", "c", "d");
            append(appender, 0x5eed, "other", "other2");
            append(appender, tag, "e", "f", "g");
        });

        TransactionalChronicleSinkWriter<String> second = writer(true);
        second.commit(torn);
        second.commit(torn);
        second.close();
        assertThat(readBack()).containsExactly("b", "c", "d", "other", "other2", "e", "f", "g", "h");
        assertThat(ChronicleConnectorTest.recordsPerExcerpt(queue())).containsExactly(3, 2, 3, 1);
    }

    @Test
    void aCommitAppendsBatchesOfRecordsStagedWithTheSameWriteTime() throws Exception {
        net.openhft.chronicle.core.time.SetTimeProvider clock = new net.openhft.chronicle.core.time.SetTimeProvider();
        clock.currentTimeMillis(1_000L);
        TransactionalChronicleSinkWriter<String> w = new TransactionalChronicleSinkWriter<>(queue(),
                ChronicleQueues.DEFAULT_ROLL, null, Codecs.strings(), null, 64, clock, WRITER, false);
        for (String s : List.of("a", "b", "c")) {
            w.write(s);
        }
        w.flush(); // the end of a batch of the worker: the next record takes a new time
        clock.currentTimeMillis(2_000L);
        for (String s : List.of("d", "e")) {
            w.write(s);
        }
        w.commit(w.preCommit(1));
        w.close();
        assertThat(ChronicleConnectorTest.recordsPerExcerpt(queue())).containsExactly(3, 2);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        ChronicleConnectorTest.drain(Readers.open(Connectors.source("chronicle:" + queue() + "?until=latest",
                Codecs.strings()), 1).get(0), out);
        assertThat(out.records()).containsExactly("a", "b", "c", "d", "e");
        assertThat(out.splits.get(queue().toString()).timestamps).containsExactly(1_000L, 1_000L, 1_000L, 2_000L, 2_000L);
    }

    @Test
    void aRunRestoredFromAnOlderCheckpointIsNotMistakenForOneThatCommitted() throws Exception {
        TransactionalChronicleSinkWriter<String> first = writer(false);
        first.write("x");
        ChronicleTxn c3 = first.preCommit(3);
        first.commit(c3);
        first.write("y");
        first.commit(first.preCommit(9));
        first.close();

        // restored from checkpoint 3 (a savepoint, say): its checkpoints are numbered below 9 again
        TransactionalChronicleSinkWriter<String> second = writer(true);
        second.commit(c3);
        second.write("y'");
        ChronicleTxn c4 = second.preCommit(4);
        assertThat(c4.run()).isGreaterThan(c3.run());
        second.commit(c4);
        second.close();
        assertThat(readBack()).containsExactly("x", "y", "y'");
    }

    @Test
    void aFreshStartDiscardsWhatAnEarlierRunStagedButKeepsTheQueue() throws Exception {
        TransactionalChronicleSinkWriter<String> old = writer(false);
        old.write("old");
        old.commit(old.preCommit(1));
        old.write("staged");
        ChronicleTxn staged = old.preCommit(2);
        old.close();

        TransactionalChronicleSinkWriter<String> fresh = writer(false);
        assertThatThrownBy(() -> fresh.commit(staged)).hasMessageContaining("is missing");
        fresh.write("new");
        fresh.commit(fresh.preCommit(1));
        fresh.close();
        assertThat(readBack()).containsExactly("old", "new");
    }

    @Test
    void aSecondLiveWriterWithTheSameIdIsRefused() throws Exception {
        try (TransactionalChronicleSinkWriter<String> w = writer(false)) {
            assertThatThrownBy(() -> writer(true)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("another exactly-once writer 'job-0'");
        }
        writer(true).close(); // free again once the first is closed
    }

    @Test
    void committablesAndTheCommitLogRoundTrip() throws Exception {
        ChronicleTxn txn = new ChronicleTxn(3, Long.MAX_VALUE, 12_345);
        assertThat(ChronicleTxnCodec.INSTANCE.decode(ChronicleTxnCodec.INSTANCE.encode(txn))).isEqualTo(txn);
        Files.createDirectories(dir);
        ChronicleCommitLog log = ChronicleCommitLog.fresh(4, 77).appending(txn, 99);
        log.write(dir);
        assertThat(ChronicleCommitLog.read(dir)).isEqualTo(log);
        assertThat(log.isTorn(txn)).isTrue();
        assertThat(log.committed(txn, 120).hasCommitted(new ChronicleTxn(3, 5, 1))).isTrue();
        assertThat(log.committed(txn, 120).hasCommitted(new ChronicleTxn(4, 1, 1))).isFalse();
        byte[] bytes = Files.readAllBytes(dir.resolve(ChronicleCommitLog.FILE));
        bytes[20] ^= 1;
        Files.write(dir.resolve(ChronicleCommitLog.FILE), bytes);
        assertThatThrownBy(() -> ChronicleCommitLog.read(dir)).hasMessageContaining("checksum");
    }
}
