package io.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.BadInputException;
import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.connectors.schema.Compatibility;
import io.sluice.connectors.schema.Schemas;
import io.sluice.connectors.schema.VersionedCodec;
import io.sluice.connectors.testing.KafkaBroker;
import io.sluice.connectors.testing.WithKafkaBroker;
import io.sluice.runtime.exec.JobFailedException;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole pipelines on the real runtime against a real broker: Kafka → job → Kafka, schemas, bad records, backpressure. */
@ExtendWith(WithKafkaBroker.class)
class KafkaPipelineTest {

    public record Event(String user, long n) {
    }

    static KafkaBroker kafka;

    @TempDir
    Path tmp;

    static String json(String user, long n) {
        return "{\"user\":\"" + user + "\",\"n\":" + n + "}";
    }

    static void sendStamped(String topic, int partition, String value, String schema) throws Exception {
        kafka.send(topic, partition, null, null, value, schema == null ? Map.of() : Map.of("sluice.schema", schema));
    }

    @Test
    void kafkaToJobToKafkaWithKeysStampsAndAtLeastOnceFlushes() throws Exception {
        kafka.createTopic("orders-in", 2);
        kafka.createTopic("orders-out", 3);
        for (int i = 0; i < 200; i++) {
            kafka.send("orders-in", i % 2, json("u" + (i % 7), i));
        }
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri("orders-in") + "?until=latest", Codecs.json(Event.class)))
                .map(e -> new Event(e.user(), e.n() * 10))
                .sink(Connectors.sink(kafka.uri("orders-out") + "?key=user", Schemas.json(Event.class, "event", 2)));
        PipelineTestDriver.withParallelism(2).run(p);

        List<ConsumerRecord<byte[], byte[]>> out = kafka.readAll("orders-out");
        assertThat(out).hasSize(200);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
        List<Long> ns = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            JsonNode value = mapper.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(value.get("user").asText());
            assertThat(new String(r.headers().lastHeader("sluice.schema").value(), StandardCharsets.UTF_8)).isEqualTo("event:2");
            partitionsByKey.computeIfAbsent(value.get("user").asText(), k -> new java.util.HashSet<>()).add(r.partition());
            ns.add(value.get("n").asLong());
        }
        assertThat(partitionsByKey.values()).allMatch(s -> s.size() == 1); // partitioned by key
        assertThat(ns).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> i * 10L).toList());
    }

    @Test
    void rawKafkaRecordsCopyKeysHeadersAndTimestampsUnchanged() throws Exception {
        kafka.createTopic("raw-in", 1);
        kafka.send("raw-in", 0, 1234L, "k1", "v1", Map.of("h", "x"));
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri("raw-in") + "?until=latest", Codecs.json(KafkaRecord.class)))
                .sink(Connectors.sink(kafka.uri("raw-out"), Codecs.json(KafkaRecord.class)));
        PipelineTestDriver.create().run(p);
        ConsumerRecord<byte[], byte[]> r = kafka.readAll("raw-out").get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(r.timestamp()).isEqualTo(1234L);
        assertThat(new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8)).isEqualTo("x");
    }

    @Test
    void anIncompatibleProducerSchemaStopsTheJobAtStartBeforeAnythingIsProcessed() throws Exception {
        kafka.createTopic("versions", 2);
        sendStamped("versions", 0, json("a", 1), "event:1");
        sendStamped("versions", 0, json("a", 2), "event:2");
        sendStamped("versions", 1, json("b", 1), "event:2");
        sendStamped("versions", 1, json("b", 2), "event:3"); // the latest record of partition 1 is too new
        VersionedCodec<Event> v2 = Schemas.json(Event.class, "event", 2);
        CollectingSink<Event> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri("versions") + "?until=latest", v2)).sink(sink);
        assertThatThrownBy(() -> PipelineTestDriver.withParallelism(2).run(p))
                .isInstanceOf(BadInputException.class)
                .hasMessage(kafka.uri("versions") + "?until=latest: incompatible schema in versions-1@1: event:3 is not"
                        + " readable by event:2 (BACKWARD: event versions <= 2); nothing was processed");
        assertThat(sink.items()).isEmpty();

        // FORWARD from version 1 accepts 1..3; a URI can declare the rule for a codec that has none
        CollectingSink<Event> forward = new CollectingSink<>();
        Pipeline q = Pipeline.create();
        q.source(Connectors.source(kafka.uri("versions") + "?until=latest&schema=event:1&compat=forward",
                Codecs.json(Event.class))).sink(forward);
        PipelineTestDriver.create().run(q);
        assertThat(forward.items()).hasSize(4);
        // another type name is never accepted
        Pipeline r = Pipeline.create();
        r.source(Connectors.source(kafka.uri("versions") + "?until=latest",
                Schemas.json(Event.class, "order", 9).withCompatibility(Compatibility.FULL))).sink(new CollectingSink<>());
        assertThatThrownBy(() -> PipelineTestDriver.create().run(r)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("event:1 is not readable by order:9 (FULL: order every version)");
    }

    @Test
    void poisonRecordsFailTheJobByDefaultNamingTheirPosition() throws Exception {
        kafka.createTopic("poison-fail", 1);
        kafka.send("poison-fail", 0, json("a", 1));
        kafka.send("poison-fail", 0, "{not json");
        kafka.send("poison-fail", 0, json("a", 3));
        Pipeline p = Pipeline.create();
        p.source(Connectors.source(kafka.uri("poison-fail") + "?until=latest", Codecs.json(Event.class)))
                .sink(new CollectingSink<>());
        assertThatThrownBy(() -> PipelineTestDriver.create().run(p))
                .isInstanceOf(JobFailedException.class)
                .satisfies(e -> assertThat(((JobFailedException) e).rootCause())
                        .isInstanceOf(BadInputException.class)
                        .hasMessageStartingWith(kafka.uri("poison-fail") + "?until=latest at poison-fail-0@1: invalid JSON for Event"));
    }

    @Test
    void poisonRecordsAreSkippedAndCountedWithOnErrorSkip() throws Exception {
        kafka.createTopic("poison-skip", 1);
        kafka.send("poison-skip", 0, json("a", 1));
        kafka.send("poison-skip", 0, "garbage");
        kafka.send("poison-skip", 0, null, null, null, Map.of()); // a tombstone
        sendStamped("poison-skip", 0, json("a", 4), "event:7"); // refused by the reader, mid-stream
        kafka.send("poison-skip", 0, json("a", 5));
        Source<Event> source = Connectors.source(kafka.uri("poison-skip") + "?until=latest&onError=skip",
                Schemas.json(Event.class, "event", 2));
        CollectingSink<Event> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(source).sink(sink);
        PipelineTestDriver.create().run(p);
        assertThat(sink.items()).containsExactly(new Event("a", 1), new Event("a", 5));
        assertThat(((BadRecordCounter) source).badRecords()).isEqualTo(3);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterSinkOfTheJobParameterAndTheJobKeepsRunning() throws Exception {
        kafka.createTopic("poison-dlq", 2);
        kafka.send("poison-dlq", 0, json("a", 1));
        kafka.send("poison-dlq", 1, null, "key-9", "{\"user\":", Map.of());
        kafka.send("poison-dlq", 0, json("a", 2));
        Path dlq = tmp.resolve("dlq.jsonl");
        JobParams params = new JobParams(Map.of("source", kafka.uri("poison-dlq") + "?until=latest&onError=dlq",
                "dlq", "file:" + dlq));
        Source<Event> source = params.source("source", Codecs.json(Event.class));
        assertThat(params.unreadNames()).isEmpty();
        CollectingSink<Event> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        p.source(source).sink(sink);
        long before = System.currentTimeMillis();
        PipelineTestDriver.withParallelism(2).run(p);
        assertThat(sink.items()).containsExactlyInAnyOrder(new Event("a", 1), new Event("a", 2));
        assertThat(((BadRecordCounter) source).badRecords()).isEqualTo(1);
        List<String> letters = Files.readAllLines(dlq);
        assertThat(letters).hasSize(1);
        JsonNode letter = new ObjectMapper().readTree(letters.get(0));
        assertThat(letter.get("source").asText()).isEqualTo(kafka.uri("poison-dlq") + "?until=latest&onError=dlq");
        assertThat(letter.get("position").asText()).isEqualTo("poison-dlq-1@0");
        assertThat(letter.get("error").asText()).startsWith("invalid JSON for Event");
        assertThat(new String(Base64.getDecoder().decode(letter.get("bytes").asText()), StandardCharsets.UTF_8)).isEqualTo("{\"user\":");
        assertThat(new String(Base64.getDecoder().decode(letter.get("key").asText()), StandardCharsets.UTF_8)).isEqualTo("key-9");
        assertThat(letter.get("time").asLong()).isBetween(before, System.currentTimeMillis());

        assertThatThrownBy(() -> Connectors.source(kafka.uri("poison-dlq") + "?onError=dlq", Codecs.json(Event.class)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("onError=dlq needs a dead-letter sink");
    }

    /** A sink that takes 20 µs per record, so the queues fill up and the source must pause. */
    static final class SlowSink implements Sink<String> {
        final List<String> items = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public SinkWriter<String> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(String record) {
                    LockSupport.parkNanos(20_000);
                    items.add(record);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void aSlowSinkPausesThePartitionsInsteadOfBufferingAndEverythingArrives() throws Exception {
        kafka.createTopic("firehose", 2);
        List<String> values = IntStream.range(0, 8_000).mapToObj(i -> "e" + i).toList();
        kafka.sendAll("firehose", 0, values.subList(0, 4_000));
        kafka.sendAll("firehose", 1, values.subList(4_000, 8_000));
        KafkaSource<String> source = (KafkaSource<String>) Connectors.source(kafka.uri("firehose") + "?until=latest",
                Codecs.strings());
        SlowSink sink = new SlowSink();
        Pipeline p = Pipeline.create();
        p.source(source).rebalance().sink(sink).parallelism(1);
        PipelineTestDriver.withParallelism(2).run(p);
        assertThat(source.pauses.get()).as("the readers were paused under backpressure").isPositive();
        assertThat(sink.items).hasSize(8_000);
        assertThat(sink.items.stream().collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(values);
    }
}
