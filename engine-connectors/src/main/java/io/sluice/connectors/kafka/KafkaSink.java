package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.schema.SchemaId;

/**
 * A {@code kafka:} sink: writes each record's encoded bytes as the value, its schema stamp in the
 * {@code sluice.schema} header, and a key taken from a JSON field ({@code key=<field>}) so the default partitioner
 * sends equal keys to the same partition. {@link KafkaRecord}s are written with their own key, headers and
 * timestamp. Immutable.
 *
 * <p><b>Without checkpointing: at-least-once</b> ({@link KafkaSinkWriter}). One idempotent producer
 * ({@code acks=all}) per instance, flushed at the end of each batch and when it closes; the first failed send
 * fails the job. A record the job emitted is in Kafka before the job reports it written.
 *
 * <p><b>With checkpointing: exactly-once</b> ({@link TransactionalKafkaSinkWriter}) for readers with
 * {@code isolation.level=read_committed} (the {@code kafka:} source's default):
 * <ol>
 *   <li>each instance writes the records of one checkpoint epoch inside one Kafka transaction, on one of a few
 *       producers with stable transactional ids {@code sluice-<job>-<sink uid>-g<generation>-<instance>-<slot>}
 *       ({@link TransactionalIds});</li>
 *   <li>at the checkpoint barrier the transaction is flushed (pre-commit) and its id, producer id and epoch
 *       ({@link KafkaTransaction}) become part of the checkpoint;</li>
 *   <li>when the checkpoint is complete, the transaction is committed;</li>
 *   <li>on restore, the transactions of the restored checkpoint are committed, through a fresh producer
 *       re-attached to them when the crashed run did not get to it ({@link ProducerTransactions}; committing an
 *       already committed one is a no-op), and every other transaction an earlier run left open is aborted
 *       ({@link LingeringTransactions}).</li>
 * </ol>
 * The output of an epoch becomes visible when its checkpoint completes, so the checkpoint interval bounds the
 * end-to-end latency of {@code read_committed} readers. A transaction staged for a completed checkpoint must be
 * committed by a restart within the transaction timeout ({@link KafkaClients#TRANSACTION_TIMEOUT}, 15 minutes,
 * the broker's default {@code transaction.max.timeout.ms}); after that the broker aborts it and its output is
 * lost. The broker needs no special setting (no KIP-939 two-phase-commit flag).
 *
 * @param <T> the record type
 */
final class KafkaSink<T> implements Sink<T> {

    private final String name;
    private final KafkaEndpoint endpoint;
    private final Codec<T> codec;
    private final SchemaId stamp;
    private final JsonKeyField keyField;

    KafkaSink(String name, KafkaEndpoint endpoint, Codec<T> codec, SchemaId stamp, JsonKeyField keyField) {
        this.name = name;
        this.endpoint = endpoint;
        this.codec = codec;
        this.stamp = stamp;
        this.keyField = keyField;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        ProducerRecordEncoder<T> encoder = new ProducerRecordEncoder<>(endpoint.topic(), codec, stamp, keyField);
        if (context.checkpointingEnabled()) {
            return new TransactionalKafkaSinkWriter<>(endpoint, name, encoder, TransactionalIds.of(context.jobName(),
                    context.uid(), context.restoredCheckpointId(), context.instanceIndex(), context.parallelism()));
        }
        return new KafkaSinkWriter<>(KafkaClients.producer(endpoint, "sluice-" + context.jobName() + "-"
                + endpoint.topic() + "-" + context.instanceIndex()), name, encoder);
    }

    @Override
    public String toString() {
        return name;
    }
}
