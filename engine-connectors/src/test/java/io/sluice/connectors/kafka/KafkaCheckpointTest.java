package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.testing.JobWaits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka → job → Kafka under real checkpoints, on the in-process runtime and a real broker: source offsets are
 * checkpointed and committed to the consumer group after each completed checkpoint (so lag shows in the usual
 * tools), a restore (at another parallelism) resumes exactly from the checkpointed offsets, partitions added
 * while running are read by exactly one instance, and the transactional sink writes every input exactly once
 * for {@code read_committed} readers although the first run is interrupted (cancelled without a final
 * checkpoint, which leaves its last epoch uncommitted, as a crash does).
 */
@ExtendWith(WithKafkaBroker.class)
class KafkaCheckpointTest {

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    private static Pipeline copy(String in, String out) {
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri(in) + "?group=ck&discovery=200ms", Codecs.strings())).uid("in")
                .map(s -> s) // a real operator between source and sink
                .sink(Connectors.sink(kafka.uri(out), Codecs.strings())).uid("out");
        return p;
    }

    private JobConfig config(int parallelism, String restore) {
        return JobConfig.defaults().withJobName("kafka-ckpt").withParallelism(parallelism).withWorkers(2)
                .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(100), dir).restoringFrom(restore));
    }

    private static List<String> send(String topic, int partitions, int from, int to) throws Exception {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String v = "v" + i;
            byPartition.computeIfAbsent(i % partitions, k -> new ArrayList<>()).add(v);
            all.add(v);
        }
        for (Map.Entry<Integer, List<String>> e : byPartition.entrySet()) {
            kafka.sendAll(topic, e.getKey(), e.getValue());
        }
        return all;
    }

    @Test
    void offsetsAreCheckpointedCommittedToTheGroupAndRestoredAndTheSinkWritesEachRecordOnce() throws Exception {
        kafka.createTopic("ck-in", 12); // more than 10: split ids must still sort in partition order
        kafka.createTopic("ck-out", 3);
        List<String> expected = new ArrayList<>(send("ck-in", 12, 0, 20_000));

        JobHandle first = JobRunner.start(copy("ck-in", "ck-out"), config(2, null));
        JobWaits.awaitCheckpoints(first, 3, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sum(groupOffsets()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sum(groupOffsets())).as("offsets committed to the group after completed checkpoints").isPositive();
        first.cancel();
        first.join(Duration.ofSeconds(30));

        JobHandle second = JobRunner.start(copy("ck-in", "ck-out"), config(3, "latest"));
        assertThat(second.restoredFrom()).isNotNull();
        expected.addAll(send("ck-in", 12, 20_000, 23_000));
        kafka.admin().createPartitions(Map.of("ck-in", NewPartitions.increaseTo(14))).all().get();
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            late.add("new" + i);
        }
        kafka.sendAll("ck-in", 12, late.subList(0, 200));
        kafka.sendAll("ck-in", 13, late.subList(200, 400));
        expected.addAll(late);

        // everything arrives, and the group's offsets reach the end: lag 0, as kafka-consumer-groups would show
        assertThat(kafka.awaitValues("ck-out", expected.size())).hasSizeGreaterThanOrEqualTo(expected.size());
        Map<TopicPartition, Long> end = endOffsets("ck-in", 14);
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!groupOffsets().equals(end) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(groupOffsets()).as("committed group offsets after the input was read").isEqualTo(end);
        second.cancel();
        second.join(Duration.ofSeconds(30));

        List<String> out = kafka.readValuesSettled("ck-out");
        assertThat(out).as("no duplicate for read_committed readers").doesNotHaveDuplicates();
        assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> groupOffsets() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets("ck")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, o) -> out.put(tp, o.offset()));
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            q.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        kafka.admin().listOffsets(q).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
