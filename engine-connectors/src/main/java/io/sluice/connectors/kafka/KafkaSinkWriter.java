package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.io.ByteArrayBuilder;
import io.sluice.connectors.schema.SchemaId;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes records to one topic with one producer (see {@link KafkaSink} for the guarantee). Sends are
 * asynchronous; the first failed send is remembered by the producer's I/O thread and thrown by the next
 * {@link #write}, {@link #flush} or {@link #close}.
 *
 * <p>Called from one worker thread (see {@link SinkWriter}); the callback is the only other thread and
 * touches only the volatile {@code failure}.
 *
 * @param <T> the record type
 */
final class KafkaSinkWriter<T> implements SinkWriter<T>, Callback {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String name;
    private final Codec<T> codec;
    private final boolean raw;
    private final Header stampHeader;
    private final List<Header> stampHeaders;
    private final JsonKeyField keyField;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private volatile Exception failure;

    KafkaSinkWriter(KafkaProducer<byte[], byte[]> producer, String topic, String name, Codec<T> codec, SchemaId stamp,
                    JsonKeyField keyField) {
        this.producer = producer;
        this.topic = topic;
        this.name = name;
        this.codec = codec;
        this.raw = codec.type() == KafkaRecord.class;
        this.stampHeader = stamp == null ? null : new RecordHeader(SchemaId.KAFKA_HEADER, stamp.toBytes());
        this.stampHeaders = stampHeader == null ? null : List.of(stampHeader);
        this.keyField = keyField;
    }

    @Override
    public void write(T record) throws Exception {
        checkFailure();
        ProducerRecord<byte[], byte[]> out = raw ? fromKafkaRecord((KafkaRecord) record) : encode(record);
        producer.send(out, this);
    }

    private ProducerRecord<byte[], byte[]> encode(T record) throws IOException {
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

    /** Producer I/O thread: remembers the first failure. */
    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        if (exception != null && failure == null) {
            failure = exception;
        }
    }

    private void checkFailure() throws IOException {
        Exception e = failure;
        if (e != null) {
            throw new IOException(name + ": a send failed: " + e.getMessage(), e);
        }
    }

    /** Waits until every record sent so far is acknowledged. */
    @Override
    public void flush() throws Exception {
        producer.flush();
        checkFailure();
    }

    @Override
    public void close() throws Exception {
        try {
            if (failure == null) {
                producer.flush();
            }
        } finally {
            producer.close(Duration.ofSeconds(failure == null ? 30 : 0));
        }
        checkFailure();
    }
}
