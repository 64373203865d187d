package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.connectors.io.ByteArrayBuilder;
import io.sluice.connectors.schema.SchemaId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns the records of a {@code kafka:} sink into producer records: the encoded value, the schema stamp header
 * and the key from a JSON field; {@link KafkaRecord}s keep their own key, headers and timestamp. Owned by one
 * writer (it reuses an encoding buffer).
 *
 * @param <T> the record type
 */
final class ProducerRecordEncoder<T> {

    private final String topic;
    private final Codec<T> codec;
    private final boolean raw;
    private final Header stampHeader;
    private final List<Header> stampHeaders;
    private final JsonKeyField keyField;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    ProducerRecordEncoder(String topic, Codec<T> codec, SchemaId stamp, JsonKeyField keyField) {
        this.topic = topic;
        this.codec = codec;
        this.raw = codec.type() == KafkaRecord.class;
        this.stampHeader = stamp == null ? null : new RecordHeader(SchemaId.KAFKA_HEADER, stamp.toBytes());
        this.stampHeaders = stampHeader == null ? null : List.of(stampHeader);
        this.keyField = keyField;
    }

    ProducerRecord<byte[], byte[]> encode(T record) throws IOException {
        if (raw) {
            return fromKafkaRecord((KafkaRecord) record);
        }
        buffer.reset();
        codec.encode(record, buffer);
        byte[] value = Arrays.copyOf(buffer.array(), buffer.size());
        byte[] key = keyField == null ? null : keyField.key(value, value.length);
        return new ProducerRecord<>(topic, null, null, key, value, stampHeaders);
    }

    private ProducerRecord<byte[], byte[]> fromKafkaRecord(KafkaRecord r) {
        List<Header> headers = new ArrayList<>(r.headers().size() + 1);
        for (KafkaRecord.Header h : r.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        if (stampHeader != null && r.header(SchemaId.KAFKA_HEADER) == null) {
            headers.add(stampHeader);
        }
        return new ProducerRecord<>(topic, null, r.timestamp() >= 0 ? r.timestamp() : null, r.key(), r.value(), headers);
    }
}
