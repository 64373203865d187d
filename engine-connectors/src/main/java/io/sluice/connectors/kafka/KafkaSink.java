package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.schema.SchemaId;

/**
 * A {@code kafka:} sink: one idempotent producer ({@code acks=all}) per instance, writing each record's encoded
 * bytes as the value, its schema stamp in the {@code sluice.schema} header, and a key taken from a JSON field
 * ({@code key=<field>}) so the default partitioner sends equal keys to the same partition. {@link KafkaRecord}s
 * are written with their own key, headers and timestamp. Immutable.
 *
 * <p><b>Guarantee today: at-least-once.</b> The writer flushes the producer (waits for every send to be
 * acknowledged by all in-sync replicas) at the end of each batch and when it closes, and fails the job on the
 * first failed send; a record the job emitted is in Kafka before the job reports it written.
 *
 * <p><b>Exactly-once (designed, built with checkpoints).</b> When {@link SinkContext#checkpointingEnabled()},
 * {@link #createWriter} will return a {@link io.sluice.api.connector.TwoPhaseCommitSinkWriter} whose committable
 * is a transaction: one transaction per checkpoint epoch per instance, with a stable transactional id
 * {@code sluice-<job>-<sink uid>-<instance>-<slot>} from a small pool of slots (a transaction may still be
 * committing while the next epoch writes). {@code write} sends inside the open transaction; {@code preCommit(n)}
 * flushes and returns {@code (transactional id, producer id, epoch)} without committing, then begins epoch
 * {@code n+1} on the next slot's producer; {@code commit} finishes that transaction — on restore with a producer
 * re-attached to the recorded producer id and epoch, so committing twice is a no-op; {@code abort} aborts it.
 * On restore, committables in the checkpoint are committed, and every other slot's transactional id is
 * initialised ({@code initTransactions}), which fences a crashed run's producers and aborts their lingering
 * transactions. Consumers read with {@code isolation.level=read_committed} (the source's default).
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
        return new KafkaSinkWriter<>(KafkaClients.producer(endpoint, "sluice-" + context.jobName() + "-"
                + endpoint.topic() + "-" + context.instanceIndex()), endpoint.topic(), name, codec, stamp, keyField);
    }

    @Override
    public String toString() {
        return name;
    }
}
