package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-once Kafka writer against a real broker: transactions per checkpoint, invisible to
 * {@code read_committed} until committed; commits of a crashed run's transactions after a restore (through a
 * new producer), idempotent; lingering transactions aborted so readers are not held back.
 * A "crash" here is a writer dropped without commit or abort (its producers closed, transactions left open on
 * the broker), which is what a killed process leaves behind.
 */
@ExtendWith(WithKafkaBroker.class)
class TransactionalKafkaSinkWriterTest {

    static KafkaBroker kafka;

    private static TransactionalKafkaSinkWriter<String> writer(String topic, String job, long restoredCheckpoint,
                                                              int instance, int parallelism, String key) {
        KafkaEndpoint endpoint = KafkaEndpoint.parse(ConnectorUri.parse(kafka.uri(topic)));
        return new TransactionalKafkaSinkWriter<>(endpoint, kafka.uri(topic),
                new ProducerRecordEncoder<>(topic, Codecs.strings(), null, key == null ? null : new JsonKeyField(key)),
                TransactionalIds.of(job, "sink-1", restoredCheckpoint, instance, parallelism));
    }

    /** Drops a writer as a crash would: producers closed, their transactions left as they are on the broker. */
    private static void crash(TransactionalKafkaSinkWriter<String> w) throws Exception {
        w.abandon();
    }

    private static void writeAll(TransactionalKafkaSinkWriter<String> w, String prefix, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            w.write(prefix + i);
        }
    }

    private static List<String> range(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void eachCheckpointIsOneTransactionVisibleOnlyOnceCommitted() throws Exception {
        kafka.createTopic("eo-basic", 1);
        try (TransactionalKafkaSinkWriter<String> w = writer("eo-basic", "basic", -1, 0, 1, null)) {
            writeAll(w, "a", 0, 100);
            KafkaTransaction t1 = w.preCommit(1);
            writeAll(w, "b", 0, 50); // the next epoch writes while checkpoint 1 is not complete yet
            assertThat(t1.isEmpty()).isFalse();
            assertThat(kafka.readValues("eo-basic")).isEmpty();

            w.commit(t1);
            assertThat(kafka.awaitValues("eo-basic", 100)).containsExactlyElementsOf(range("a", 0, 100));

            KafkaTransaction t2 = w.preCommit(2);
            assertThat(t2.transactionalId()).isNotEqualTo(t1.transactionalId()); // another slot
            assertThat(w.preCommit(3)).isEqualTo(KafkaTransaction.EMPTY); // nothing written in epoch 3
            w.commit(t2);
            w.commit(KafkaTransaction.EMPTY);
            writeAll(w, "c", 0, 10);
            w.commit(w.preCommit(4));
        }
        List<String> expected = new ArrayList<>(range("a", 0, 100));
        expected.addAll(range("b", 0, 50));
        expected.addAll(range("c", 0, 10));
        assertThat(kafka.readValuesSettled("eo-basic")).containsExactlyElementsOf(expected);
    }

    @Test
    void aRestoreCommitsTheTransactionOfACompletedCheckpointThatTheCrashedRunDidNotCommit() throws Exception {
        kafka.createTopic("eo-restore", 2);
        TransactionalKafkaSinkWriter<String> crashed = writer("eo-restore", "restore", -1, 0, 1, "k");
        for (int i = 0; i < 60; i++) {
            crashed.write("{\"k\":\"u" + (i % 6) + "\",\"n\":" + i + "}");
        }
        KafkaTransaction staged = crashed.preCommit(7); // checkpoint 7 holds it and completes, then the crash
        crashed.write("{\"k\":\"u0\",\"n\":999}"); // epoch 8, never checkpointed
        crash(crashed);
        byte[] stagedBytes = KafkaTransactionCodec.INSTANCE.encode(staged); // as the checkpoint stores it

        try (TransactionalKafkaSinkWriter<String> restored = writer("eo-restore", "restore", 7, 0, 1, "k")) {
            KafkaTransaction fromCheckpoint = KafkaTransactionCodec.INSTANCE.decode(stagedBytes);
            restored.commit(fromCheckpoint);
            restored.commit(fromCheckpoint); // a restore commits again what it may have committed: a no-op
            restored.write("{\"k\":\"u1\",\"n\":1000}");
            restored.commit(restored.preCommit(8));
        }
        kafka.readValuesSettled("eo-restore");
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll("eo-restore");
        List<String> values = records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(values).hasSize(61).doesNotHaveDuplicates().doesNotContain("{\"k\":\"u0\",\"n\":999}")
                .contains("{\"k\":\"u1\",\"n\":1000}");
        // keys still decide the partition: each key in exactly one partition
        Map<String, java.util.Set<Integer>> partitionsByKey = records.stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(partitionsByKey).hasSize(6).allSatisfy((k, parts) -> assertThat(parts).hasSize(1));
    }

    @Test
    void aFailedOrCancelledJobClosesItsWriterWithoutAbortingWhatItStagedForACheckpoint() throws Exception {
        kafka.createTopic("eo-close", 1);
        TransactionalKafkaSinkWriter<String> failed = writer("eo-close", "close", -1, 0, 1, null);
        writeAll(failed, "s", 0, 30);
        KafkaTransaction staged = failed.preCommit(2); // checkpoint 2 completes; the job fails before the commit
        writeAll(failed, "t", 0, 30); // epoch 3: aborted by the close
        failed.close(); // a graceful producer close would abort the staged transaction too

        try (TransactionalKafkaSinkWriter<String> restored = writer("eo-close", "close", 2, 0, 1, null)) {
            restored.commit(staged);
            restored.flush();
        }
        assertThat(kafka.readValuesSettled("eo-close")).containsExactlyElementsOf(range("s", 0, 30));
    }

    @Test
    void committingATransactionTheCrashedRunAlreadyCommittedIsANoOp() throws Exception {
        kafka.createTopic("eo-twice", 1);
        TransactionalKafkaSinkWriter<String> crashed = writer("eo-twice", "twice", -1, 0, 1, null);
        writeAll(crashed, "x", 0, 20);
        KafkaTransaction t = crashed.preCommit(3);
        crashed.commit(t);
        writeAll(crashed, "y", 0, 5); // reuses the slot of t? no: t's slot is free again, so yes
        crashed.preCommit(4); // staged, checkpoint 4 never completes
        crash(crashed);

        try (TransactionalKafkaSinkWriter<String> restored = writer("eo-twice", "twice", 3, 0, 1, null)) {
            restored.commit(t);
            writeAll(restored, "z", 0, 3);
            restored.commit(restored.preCommit(4));
        }
        List<String> expected = new ArrayList<>(range("x", 0, 20));
        expected.addAll(range("z", 0, 3));
        assertThat(kafka.readValuesSettled("eo-twice")).containsExactlyElementsOf(expected);
    }

    @Test
    void lingeringTransactionsOfEveryEarlierRunAndInstanceAreAbortedSoReadersAreNotHeldBack() throws Exception {
        kafka.createTopic("eo-linger", 2);
        // generation 0 at parallelism 3 crashes with open transactions on every instance
        for (int i = 0; i < 3; i++) {
            TransactionalKafkaSinkWriter<String> w = writer("eo-linger", "linger", -1, i, 3, null);
            writeAll(w, "old" + i + "-", 0, 10);
            crash(w);
        }
        // another sink of another job, also open: not ours to abort
        TransactionalKafkaSinkWriter<String> other = writer("eo-linger", "other-job", -1, 0, 1, null);
        writeAll(other, "other-", 0, 1);

        // restored at parallelism 2 from a checkpoint taken before: instance 0 aborts the lingering ones
        TransactionalKafkaSinkWriter<String> w0 = writer("eo-linger", "linger", 4, 0, 2, null);
        TransactionalKafkaSinkWriter<String> w1 = writer("eo-linger", "linger", 4, 1, 2, null);
        writeAll(w0, "new0-", 0, 5);
        writeAll(w1, "new1-", 0, 5);
        w0.commit(w0.preCommit(5));
        w1.commit(w1.preCommit(5));
        other.commit(other.preCommit(1)); // the other job's transaction was left alone: it still commits
        w0.close();
        w1.close();
        other.close();

        assertThat(kafka.readValuesSettled("eo-linger")).containsExactlyInAnyOrderElementsOf(
                List.of("new0-0", "new0-1", "new0-2", "new0-3", "new0-4", "new1-0", "new1-1", "new1-2", "new1-3",
                        "new1-4", "other-0"));
    }
}
