package io.sluice.connectors.kafka;

import io.sluice.api.BadInputException;
import io.sluice.connectors.schema.ReaderSchema;
import io.sluice.connectors.schema.SchemaId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The start-time schema check of a {@code kafka:} source: reads the stamp of the first record the job would
 * read and of the latest record of each partition, and refuses the job when the reader cannot read one of
 * them. Blocking; runs once, before any reader starts.
 */
final class KafkaPeek {

    /** How many records before the end to look at for the latest one (transaction markers take offsets too). */
    private static final int TAIL = 16;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String sourceName;
    private final ReaderSchema reader;

    KafkaPeek(KafkaConsumer<byte[], byte[]> consumer, String sourceName, ReaderSchema reader) {
        this.consumer = consumer;
        this.sourceName = sourceName;
        this.reader = reader;
    }

    /** Checks every partition that has records between {@code start} and its end. */
    void check(Map<TopicPartition, Long> start, Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : start.entrySet()) {
            TopicPartition tp = e.getKey();
            long from = e.getValue();
            long to = end.get(tp);
            if (from >= to) {
                continue;
            }
            checkRecord(tp, firstAtOrAfter(tp, from, to));
            checkRecord(tp, lastBefore(tp, Math.max(begin.get(tp), to - TAIL), to));
        }
    }

    private void checkRecord(TopicPartition tp, ConsumerRecord<byte[], byte[]> r) {
        if (r == null) {
            return;
        }
        Header h = r.headers().lastHeader(SchemaId.KAFKA_HEADER);
        if (h == null) {
            return;
        }
        SchemaId stamp = SchemaId.fromBytes(h.value());
        if (stamp == null) {
            throw new BadInputException(sourceName + ": " + tp + "@" + r.offset() + " has a malformed "
                    + SchemaId.KAFKA_HEADER + " header; the job cannot check its schema");
        }
        if (!reader.accepts(stamp)) {
            throw new BadInputException(sourceName + ": incompatible schema in " + tp + "@" + r.offset() + ": "
                    + reader.refusal(stamp) + "; nothing was processed");
        }
    }

    private ConsumerRecord<byte[], byte[]> firstAtOrAfter(TopicPartition tp, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> got = read(tp, from, to, true);
        return got.isEmpty() ? null : got.get(0);
    }

    private ConsumerRecord<byte[], byte[]> lastBefore(TopicPartition tp, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> got = read(tp, from, to, false);
        return got.isEmpty() ? null : got.get(got.size() - 1);
    }

    /** Records of {@code tp} in {@code [from, to)}: the first one only, or all of them. */
    private List<ConsumerRecord<byte[], byte[]>> read(TopicPartition tp, long from, long to, boolean firstOnly) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        List<ConsumerRecord<byte[], byte[]>> got = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + KafkaClients.API_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100)).records(tp)) {
                if (r.offset() < to) {
                    got.add(r);
                    if (firstOnly) {
                        return got;
                    }
                }
            }
            if (consumer.position(tp) >= to) {
                return got;
            }
        }
        throw new BadInputException(sourceName + ": could not read " + tp + " within " + KafkaClients.API_TIMEOUT.toSeconds()
                + " s to check its schema");
    }
}
