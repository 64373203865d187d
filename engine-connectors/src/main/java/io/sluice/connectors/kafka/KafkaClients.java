package io.sluice.connectors.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The client configurations of the {@code kafka:} connector; {@code kafka.*} URI parameters override them. */
final class KafkaClients {

    /** How long a blocking admin-like call (partitions, offsets, a peek) may take before the job gives up. */
    static final Duration API_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How long a transaction of the exactly-once sink may stay open before the broker aborts it: the broker's
     * default {@code transaction.max.timeout.ms}; {@code kafka.transaction.timeout.ms=...} overrides it.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private KafkaClients() {
    }

    /**
     * A consumer of raw bytes: no auto-commit (positions live in checkpoints and are committed after them),
     * {@code read_committed} (a transactional producer's aborted records are never read), and metadata refreshed
     * every {@code metadataMaxAge} so new partitions show up.
     */
    static KafkaConsumer<byte[], byte[]> consumer(KafkaEndpoint endpoint, String group, String clientId,
                                                  Duration metadataMaxAge) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrap());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (group != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) Math.min(Integer.MAX_VALUE, metadataMaxAge.toMillis()));
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        c.putAll(endpoint.clientProps());
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer of raw bytes with {@code acks=all}, batching for 5 ms. */
    static KafkaProducer<byte[], byte[]> producer(KafkaEndpoint endpoint, String clientId) {
        return producer(endpoint, clientId, endpoint.clientProps());
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaEndpoint endpoint, String clientId,
                                                         Map<String, ?> overrides) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrap());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
        c.putAll(overrides);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A transactional producer (idempotent, {@code acks=all}) with {@code transactional.id = transactionalId}.
     * Its transactions may stay open for {@link #TRANSACTION_TIMEOUT} (the broker's default
     * {@code transaction.max.timeout.ms}): a transaction staged for a completed checkpoint must outlive a crash
     * of the job until the restarted job commits it; the broker aborts it after that.
     */
    static KafkaProducer<byte[], byte[]> transactionalProducer(KafkaEndpoint endpoint, String transactionalId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        c.putAll(endpoint.clientProps());
        return producer(endpoint, transactionalId, c);
    }

    /** An admin client, for listing the transactions a crashed run left open. */
    static Admin admin(KafkaEndpoint endpoint, String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrap());
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        c.putAll(endpoint.clientProps());
        return Admin.create(c);
    }
}
