package io.sluice.connectors.kafka;

import io.sluice.api.connector.SinkWriter;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The at-least-once {@code kafka:} writer (no checkpoints): one idempotent producer, flushed at the end of every
 * batch (see {@link KafkaSink}). Sends are asynchronous; the first failed send is remembered by the producer's
 * I/O thread and thrown by the next {@link #write}, {@link #flush} or {@link #close}.
 *
 * <p>Called from one worker thread (see {@link SinkWriter}); the callback is the only other thread and
 * touches only the volatile {@code failure}.
 *
 * @param <T> the record type
 */
final class KafkaSinkWriter<T> implements SinkWriter<T>, Callback {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String name;
    private final ProducerRecordEncoder<T> encoder;
    private volatile Exception failure;

    KafkaSinkWriter(KafkaProducer<byte[], byte[]> producer, String name, ProducerRecordEncoder<T> encoder) {
        this.producer = producer;
        this.name = name;
        this.encoder = encoder;
    }

    @Override
    public void write(T record) throws Exception {
        checkFailure();
        producer.send(encoder.encode(record), this);
    }

    /** Producer I/O thread: remembers the first failure. */
    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
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
