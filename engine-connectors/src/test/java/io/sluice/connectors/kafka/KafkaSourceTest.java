package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.Readers;
import io.sluice.connectors.testing.SplitCollectingOutput;
import io.sluice.connectors.testing.WithKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithKafkaBroker.class)
class KafkaSourceTest {

    static KafkaBroker kafka;

    static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void boundedSourceReadsEveryPartitionSpreadOverInstancesAndStopsAtTheEndOffsetsOfItsStart() throws Exception {
        kafka.createTopic("spread", 3);
        for (int p = 0; p < 3; p++) {
            kafka.sendAll("spread", p, values("p" + p + "-", 50));
        }
        Source<String> source = Connectors.source(kafka.uri("spread") + "?until=latest", Codecs.strings());
        assertThat(source.isBounded()).isTrue();
        assertThat(source.maxParallelism()).isEqualTo(3);
        List<SourceSplit> splits = source.createSplits(2);
        assertThat(splits).extracting(SourceSplit::splitId).containsExactly("spread-000000", "spread-000001", "spread-000002");
        kafka.sendAll("spread", 1, values("after-start-", 10)); // beyond the end offsets captured at start

        List<SourceReader<String>> readers = Readers.openWith(source, Readers.assign(splits, 2));
        List<SplitCollectingOutput<String>> outs = List.of(new SplitCollectingOutput<>(), new SplitCollectingOutput<>());
        KafkaReading.drainAll(readers, outs, 7);
        for (SourceReader<String> r : readers) {
            r.close();
        }
        assertThat(outs.get(0).splits.keySet()).containsExactlyInAnyOrder("spread-000000", "spread-000002");
        assertThat(outs.get(1).splits.keySet()).containsExactly("spread-000001");
        for (int p = 0; p < 3; p++) {
            assertThat(outs.get(p == 1 ? 1 : 0).split(KafkaSplit.idOf("spread", p))).containsExactlyElementsOf(values("p" + p + "-", 50));
        }
        assertThat(outs.get(0).idleMarks).containsKeys("spread-000000", "spread-000002"); // finished partitions stop holding back
    }

    @Test
    void eachPartitionHasItsOwnWatermarkFromKafkaTimestamps() throws Exception {
        kafka.createTopic("watermarks", 2);
        for (int i = 0; i < 20; i++) {
            kafka.send("watermarks", 0, 1_000L + i * 10, null, "a" + i, Map.of());
            kafka.send("watermarks", 1, 5_000L + i, null, "b" + i, Map.of());
        }
        Source<String> source = Connectors.source(kafka.uri("watermarks") + "?until=latest", Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.drainAll(List.of(reader), List.of(out), 5);
        reader.close();
        var p0 = out.splits.get("watermarks-000000");
        var p1 = out.splits.get("watermarks-000001");
        assertThat(p0.timestamps).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> 1_000L + i * 10).toList());
        assertThat(p0.lastWatermark()).isEqualTo(1_190L - 1);
        assertThat(p1.lastWatermark()).isEqualTo(5_019L - 1);
        assertThat(p0.lateRecords).isZero();
        assertThat(p1.lateRecords).isZero();
        assertThat(out.all.watermarks).as("no watermark bypasses the split outputs").isEmpty();
    }

    @Test
    void aPartitionWithRecordsWaitingHoldsTheWatermarkBackBeforeItsFirstRecordAnEmptyOneDoesNot() throws Exception {
        kafka.createTopic("held", 3);
        for (int i = 0; i < 20; i++) {
            kafka.send("held", 0, 1_000_000L + i, null, "late-" + i, Map.of()); // ahead in time
            kafka.send("held", 1, 1_000L + i, null, "early-" + i, Map.of());
        } // partition 2 stays empty
        Source<String> source = Connectors.source(kafka.uri("held"), Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.readUntil(reader, out, 1, () -> !out.records().isEmpty()); // one record: one partition has emitted
        // both partitions with records are in use from the start (a watermark at the minimum), so the one polled
        // first cannot move event time past the other's records; the empty one is not, or it would stop event time
        for (String id : List.of(KafkaSplit.idOf("held", 0), KafkaSplit.idOf("held", 1))) {
            assertThat(out.splits.get(id).watermarks).as(id).first().isEqualTo(Long.MIN_VALUE);
        }
        assertThat(out.splits.get(KafkaSplit.idOf("held", 2)).watermarks).isEmpty();
        reader.close();
    }

    @Test
    void startsAtATimestampOrAtTheLatestOffset() throws Exception {
        kafka.createTopic("times", 1);
        for (int i = 0; i < 10; i++) {
            kafka.send("times", 0, 10_000L + i * 1_000, null, "t" + i, Map.of());
        }
        Source<String> fromTime = Connectors.source(kafka.uri("times") + "?until=latest&from=15000", Codecs.strings());
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.drainAll(Readers.open(fromTime, 1), List.of(out), 100);
        assertThat(out.records()).containsExactly("t5", "t6", "t7", "t8", "t9");

        Source<String> latest = Connectors.source(kafka.uri("times") + "?from=latest", Codecs.strings());
        assertThat(latest.isBounded()).isFalse();
        SourceReader<String> reader = Readers.open(latest, 1).get(0);
        SplitCollectingOutput<String> tail = new SplitCollectingOutput<>();
        assertThat(reader.read(tail, 100)).isNotEqualTo(ReadStatus.END_OF_INPUT);
        kafka.send("times", 0, "new");
        KafkaReading.readUntil(reader, tail, 100, () -> !tail.records().isEmpty());
        reader.close();
        assertThat(tail.records()).containsExactly("new");
    }

    @Test
    void rawKafkaRecordsCarryKeyHeadersTimestampPartitionAndOffset() throws Exception {
        kafka.createTopic("raw", 1);
        kafka.send("raw", 0, 42L, "user-1", "{\"a\":1}", Map.of("trace", "t-1"));
        Source<KafkaRecord> source = Connectors.source(kafka.uri("raw") + "?until=latest", Codecs.json(KafkaRecord.class));
        SplitCollectingOutput<KafkaRecord> out = new SplitCollectingOutput<>();
        KafkaReading.drainAll(Readers.open(source, 1), List.of(out), 10);
        KafkaRecord r = out.records().get(0);
        assertThat(r.topic()).isEqualTo("raw");
        assertThat(r.partition()).isZero();
        assertThat(r.offset()).isZero();
        assertThat(r.timestamp()).isEqualTo(42L);
        assertThat(r.keyAsString()).isEqualTo("user-1");
        assertThat(r.valueAsString()).isEqualTo("{\"a\":1}");
        assertThat(new String(r.header("trace"), StandardCharsets.UTF_8)).isEqualTo("t-1");
        assertThat(out.all.timestamps).containsExactly(42L);
    }

    @Test
    void positionsAreSplitsAndCheckpointCompletionCommitsThemToTheGroup() throws Exception {
        kafka.createTopic("commits", 2);
        kafka.sendAll("commits", 0, values("a", 10));
        kafka.sendAll("commits", 1, values("b", 10));
        String uri = kafka.uri("commits") + "?group=g1";
        Source<String> source = Connectors.source(uri, Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.readUntil(reader, out, 3, () -> out.records().size() >= 12);
        List<SourceSplit> snapshot = Readers.checkpoint(source, reader, 1);
        long total = snapshot.stream().mapToLong(s -> ((KafkaSplit) s).nextOffset()).sum();
        assertThat(total).isEqualTo(out.records().size());
        assertThat(kafka.admin().listConsumerGroupOffsets("g1").partitionsToOffsetAndMetadata().get())
                .as("nothing is committed before a checkpoint completes").isEmpty();
        reader.checkpointComplete(1);
        KafkaReading.readUntil(reader, out, 3, () -> {
            try {
                return kafka.admin().listConsumerGroupOffsets("g1").partitionsToOffsetAndMetadata().get().size() == 2;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Map<TopicPartition, OffsetAndMetadata> committed =
                kafka.admin().listConsumerGroupOffsets("g1").partitionsToOffsetAndMetadata().get();
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(total);
        reader.close();

        // a restore from the checkpoint continues exactly after it; from=committed starts at the committed offsets
        List<String> restored = new ArrayList<>();
        SourceReader<String> again = Readers.openWith(source, List.of(snapshot)).get(0);
        SplitCollectingOutput<String> rest = new SplitCollectingOutput<>();
        KafkaReading.readUntil(again, rest, 100, () -> rest.records().size() >= 20 - total);
        again.close();
        restored.addAll(rest.records());
        Source<String> committedSource = Connectors.source(uri + "&from=committed&until=latest", Codecs.strings());
        SplitCollectingOutput<String> fromCommitted = new SplitCollectingOutput<>();
        KafkaReading.drainAll(Readers.open(committedSource, 1), List.of(fromCommitted), 100);
        assertThat(fromCommitted.records()).containsExactlyInAnyOrderElementsOf(restored);
        List<String> everything = new ArrayList<>(out.records().subList(0, (int) total));
        everything.addAll(restored);
        assertThat(everything).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 10).boxed().flatMap(i -> java.util.stream.Stream.of("a" + i, "b" + i)).toList());
    }

    @Test
    void partitionsAddedWhileRunningArePickedUp() throws Exception {
        kafka.createTopic("growing", 1);
        kafka.send("growing", 0, "first");
        Source<String> source = Connectors.source(kafka.uri("growing") + "?discovery=200ms", Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.readUntil(reader, out, 10, () -> out.records().size() == 1);
        kafka.admin().createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all().get();
        kafka.send("growing", 1, "in-new-partition");
        KafkaReading.readUntil(reader, out, 10, () -> out.records().size() == 2);
        reader.close();
        assertThat(out.split("growing-000001")).containsExactly("in-new-partition");
    }

    @Test
    void pausedReaderOnlyDrainsWhatItAlreadyPolled() throws Exception {
        kafka.createTopic("paused", 1);
        kafka.sendAll("paused", 0, values("v", 2_000));
        Source<String> source = Connectors.source(kafka.uri("paused") + "?until=latest", Codecs.strings());
        SourceReader<String> reader = Readers.open(source, 1).get(0);
        SplitCollectingOutput<String> out = new SplitCollectingOutput<>();
        KafkaReading.readUntil(reader, out, 1, () -> out.records().size() == 1);
        reader.pause();
        for (int i = 0; i < 200; i++) {
            reader.read(out, 1_000);
            Thread.sleep(1);
        }
        int whilePaused = out.records().size();
        assertThat(whilePaused).as("at most one poll's records (max.poll.records) are buffered").isLessThanOrEqualTo(500);
        reader.resume();
        KafkaReading.drainAll(List.of(reader), List.of(out), 100);
        reader.close();
        assertThat(out.records()).containsExactlyElementsOf(values("v", 2_000));
    }

    @Test
    void aMissingTopicOrABadUriIsReportedWhenTheSourceIsCreated() {
        assertThatThrownBy(() -> Connectors.source(kafka.uri("no-such-topic"), Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("topic 'no-such-topic' does not exist");
        assertThatThrownBy(() -> Connectors.source("kafka://" + kafka.bootstrap() + "/t?until=soon", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'until' can only be 'latest'");
        assertThatThrownBy(() -> Connectors.source("kafka://" + kafka.bootstrap() + "/t?form=latest", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown parameter(s) [form]");
        assertThatThrownBy(() -> Connectors.source("kafka://" + kafka.bootstrap() + "/t?from=committed", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("from=committed needs group");
        assertThatThrownBy(() -> Connectors.source("kafka:/t", Codecs.strings()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("kafka://host:port/topic");
    }

    @Test
    void splitCodecRoundTrips() throws Exception {
        KafkaSplit split = new KafkaSplit("events", 7, 12_345, 99_999);
        KafkaSplitCodec codec = KafkaSplitCodec.INSTANCE;
        assertThat(codec.decode(codec.encode(split))).isEqualTo(split);
        KafkaSplit unbounded = new KafkaSplit("e", 0, 0, KafkaSplit.UNBOUNDED);
        assertThat(codec.decode(codec.encode(unbounded))).isEqualTo(unbounded);
        byte[] bytes = codec.encode(split);
        bytes[0] = 9;
        assertThatThrownBy(() -> codec.decode(bytes)).hasMessageContaining("unknown kafka split version 9");
    }
}
