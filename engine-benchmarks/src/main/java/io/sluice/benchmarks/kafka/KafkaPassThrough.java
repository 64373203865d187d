package io.sluice.benchmarks.kafka;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.benchmarks.latency.Schedule;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.exec.JobHandle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka → pass-through job → Kafka against a broker in this JVM ({@link KafkaBroker}): raw events of a fixed size
 * ({@link Codecs#bytes()}, the first 8 bytes a number), the job {@code kafka:in → map(identity) → kafka:out} at
 * the topics' partition count, at-least-once (no checkpoints) or exactly-once (checkpoints every
 * {@code interval}, one transaction per checkpoint and instance).
 *
 * <p>{@link #throughput}: the input is loaded first, the job reads it with {@code until=latest} and the time from
 * its start to its end is measured. {@link #latency}: open loop — a producer thread sends event {@code i} when it
 * is due ({@link Schedule}) with that intended time inside it, the job runs unbounded, and a
 * {@code read_committed} consumer records {@code now - intended} per event, so time lost anywhere (producer,
 * broker, job, transaction commit) counts.
 */
public final class KafkaPassThrough {

    /** What one latency run measured. */
    public record LatencyResult(Histogram latency, long events, long producerLagMaxNanos) {
    }

    private final KafkaBroker kafka;
    private final int partitions;
    private int topics;

    public KafkaPassThrough(KafkaBroker kafka, int partitions) {
        this.kafka = kafka;
        this.partitions = partitions;
    }

    /** A new topic with the benchmark's partition count. */
    public String topic(String prefix) throws Exception {
        String name = prefix + "-" + topics++;
        kafka.createTopic(name, partitions);
        return name;
    }

    /** Writes {@code events} events of {@code size} bytes, round-robin over the partitions, and waits for them. */
    public void load(String topic, long events, int size) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(50)) {
            for (long i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, event(size, i)));
            }
            producer.flush();
        }
    }

    /** Runs the job over everything in {@code in} into {@code out}; returns its wall time in nanoseconds. */
    public long throughput(String in, String out, Duration interval, Path checkpoints) throws Exception {
        long start = System.nanoTime();
        JobRunner.start(job(in + "?until=latest", out), config("kafka-throughput", interval, checkpoints)).join();
        return System.nanoTime() - start;
    }

    /** Events {@code read_committed} consumers can read in {@code topic}, and the sum of their numbers. */
    public long[] countAndSum(String topic) {
        long[] r = new long[2];
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> tps = assignAll(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(100))) {
                    r[0]++;
                    r[1] += ByteBuffer.wrap(rec.value()).getLong(0);
                }
            }
        }
        return r;
    }

    /** An open-loop run at {@code rate} events/s for {@code warmup + seconds} seconds, the first {@code warmup} not recorded. */
    public LatencyResult latency(long rate, long seconds, long warmup, int size, Duration interval, Path checkpoints)
            throws Exception {
        String in = topic("latency-in");
        String out = topic("latency-out");
        long events = rate * (seconds + warmup);
        JobHandle job = JobRunner.start(job(in, out), config("kafka-latency", interval, checkpoints));
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] received = new long[1];
        long[] producerLag = new long[1];
        Schedule schedule = new Schedule(rate);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> tps = assignAll(consumer, out);
            consumer.seekToBeginning(tps);
            consumer.poll(Duration.ofMillis(100)); // connected and positioned before the first event is due
            schedule.start(System.nanoTime() + 500_000_000L);
            long recordFrom = schedule.intendedNanos(rate * warmup);
            Thread producer = new Thread(() -> {
                try {
                    produce(in, events, size, schedule, producerLag);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "open-loop-producer");
            producer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + warmup + 120).toNanos();
            while (received[0] < events && failure.get() == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    long intended = ByteBuffer.wrap(rec.value()).getLong(0);
                    if (intended >= recordFrom) {
                        latency.recordValue(Math.min(Math.max(0, now - intended), latency.getHighestTrackableValue()));
                    }
                    received[0]++;
                }
            }
            producer.join();
        } finally {
            job.cancel();
            job.join(Duration.ofSeconds(60));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the latency run failed", failure.get());
        }
        if (received[0] != events) {
            throw new IllegalStateException("received " + received[0] + " of " + events + " events");
        }
        return new LatencyResult(latency, events, producerLag[0]);
    }

    /** Sends every event when it is due, in bursts of what is due, parking briefly when ahead. */
    private void produce(String topic, long events, int size, Schedule schedule, long[] maxLag) {
        try (KafkaProducer<byte[], byte[]> producer = producer(0)) {
            long next = 0;
            while (next < events) {
                long now = System.nanoTime();
                long due = Math.min(events, schedule.dueCount(now));
                if (next >= due) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                maxLag[0] = Math.max(maxLag[0], now - schedule.intendedNanos(next));
                for (; next < due; next++) {
                    producer.send(new ProducerRecord<>(topic, (int) (next % partitions), null,
                            event(size, schedule.intendedNanos(next))));
                }
            }
            producer.flush();
        }
    }

    private Pipeline job(String inSource, String out) {
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri(inSource), Codecs.bytes())).uid("in")
                .map(b -> b).named("pass-through")
                .sink(Connectors.sink(kafka.uri(out), Codecs.bytes())).uid("out");
        return p;
    }

    private JobConfig config(String name, Duration interval, Path checkpoints) throws Exception {
        JobConfig c = JobConfig.defaults().withJobName(name).withParallelism(partitions);
        if (interval != null) {
            Files.createDirectories(checkpoints);
            c = c.withCheckpointing(CheckpointConfig.every(interval, Files.createTempDirectory(checkpoints, name)));
        }
        return c;
    }

    static byte[] event(int size, long value) {
        byte[] e = new byte[Math.max(8, size)];
        ByteBuffer.wrap(e).putLong(0, value);
        return e;
    }

    private KafkaProducer<byte[], byte[]> producer(int lingerMs) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return tps;
    }
}
