package io.sluice.connectors.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) in this JVM, for one test class
 * (design.md §10): start it in {@code @BeforeAll}, close it in {@code @AfterAll}. Plus plain clients to set up
 * topics and to write and read raw records around the code under test.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // The test's own feeder: ordered, plain retries. Idempotent sequence checks have failed this feeder
        // (OutOfOrderSequenceException, then expired batches) when a loaded machine made its requests time out.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaBroker start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    /** {@code host:port} of the broker. */
    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** {@code kafka://host:port/topic} */
    public String uri(String topic) {
        return "kafka://" + bootstrap() + "/" + topic;
    }

    public Admin admin() {
        return admin;
    }

    public void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    /** Writes one record and waits for the acknowledgement. */
    public void send(String topic, int partition, Long timestamp, String key, String value, Map<String, String> headers)
            throws Exception {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r).get();
    }

    public void send(String topic, int partition, String value) throws Exception {
        send(topic, partition, null, null, value, Map.of());
    }

    /** Writes many values to one partition and waits until every one is acknowledged (a failed send fails the test). */
    public void sendAll(String topic, int partition, List<String> values) throws Exception {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        for (String v : values) {
            sent.add(producer.send(new ProducerRecord<>(topic, partition, null, v.getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        for (var f : sent) {
            f.get();
        }
    }

    /** Reads every record of a topic from the beginning up to its current end (read_committed). */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        forEachRecord(topic, out::add);
        return out;
    }

    /** Hands every value of a topic (read_committed, from the beginning to its current end) to {@code action}, as UTF-8 text. */
    public void forEachValue(String topic, java.util.function.Consumer<String> action) {
        forEachRecord(topic, r -> action.accept(new String(r.value(), StandardCharsets.UTF_8)));
    }

    private void forEachRecord(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(action);
            }
        }
    }

    /**
     * Reads every record once no transaction is open on the topic any more: waits until each partition's last
     * stable offset (what a read_committed consumer may read to) has reached its high watermark, which is also
     * when the markers of committed transactions have been written (a commit returns before they are).
     */
    public List<String> readValuesSettled(String topic) throws InterruptedException {
        awaitSettled(topic);
        return readValues(topic);
    }

    /** Waits until no transaction is open on {@code topic} (see {@link #readValuesSettled}). */
    public void awaitSettled(String topic) throws InterruptedException {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        Properties committed = new Properties();
        committed.putAll(c);
        committed.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> stable = new KafkaConsumer<>(committed, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> tps = all.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!all.endOffsets(tps).equals(stable.endOffsets(tps))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + ": transactions still open after 60 s");
                }
                Thread.sleep(50);
            }
        }
    }

    /** Reads (read_committed) until at least {@code count} values are visible; a commit's markers come a little later. */
    public List<String> awaitValues(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> values = readValues(topic);
        while (values.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            values = readValues(topic);
        }
        return values;
    }

    /** The values of {@link #readAll} as UTF-8 text. */
    public List<String> readValues(String topic) {
        return readAll(topic).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * Stops the broker (the controller keeps running), as a broker crash or restart would look to clients: every
     * connection to it drops and nothing answers on its port until {@link #startBroker()}.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(b -> b.shutdown());
        cluster.brokers().values().forEach(b -> b.awaitShutdown());
    }

    /** Starts the stopped broker again, on the same port and with the same log directories. */
    public void startBroker() throws Exception {
        for (var b : cluster.brokers().values()) {
            b.startup();
        }
        cluster.waitForReadyBrokers();
    }

    /**
     * A broker for trying jobs by hand: {@code java -cp <engine-connectors test class path>
     * io.sluice.connectors.testing.KafkaBroker [topic:partitions]...} prints its {@code host:port}, creates the
     * topics and runs until killed.
     */
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = start();
        for (String t : args) {
            String[] parts = t.split(":");
            broker.createTopic(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
        System.out.println(broker.bootstrap());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        Thread.currentThread().join();
    }

    @Override
    public void close() throws Exception {
        producer.close();
        admin.close();
        cluster.close();
    }
}
