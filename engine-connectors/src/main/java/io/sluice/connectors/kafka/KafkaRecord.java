package io.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A Kafka record as it is, for jobs that need more than the value: a {@code kafka:} source emits these
 * (instead of decoding the value) when its codec's type is {@code KafkaRecord}, e.g.
 * {@code params.source("source", Codecs.json(KafkaRecord.class))}; a {@code kafka:} sink given
 * {@code KafkaRecord}s writes key, value, headers and timestamp unchanged (the partition is chosen by key).
 * Written to a JSON sink, key and value appear in base64.
 *
 * <p>Immutable as far as Sluice is concerned; the arrays are not copied, so do not change them.
 *
 * @param topic     the topic
 * @param partition the partition (-1 when not read from Kafka)
 * @param offset    the offset (-1 when not read from Kafka)
 * @param timestamp the Kafka timestamp, epoch milliseconds (-1 for none)
 * @param key       the key bytes, or {@code null}
 * @param value     the value bytes, or {@code null} (a tombstone)
 * @param headers   the headers in order (a key may repeat)
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                          List<Header> headers) {

    /** One record header. */
    public record Header(String key, byte[] value) {
        public Header {
            Objects.requireNonNull(key, "key");
        }
    }

    public KafkaRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record to write: value and optional key, no headers, producer-assigned timestamp. */
    public static KafkaRecord of(byte[] key, byte[] value) {
        return new KafkaRecord(null, -1, -1, -1, key, value, List.of());
    }

    /** The value of the last header named {@code name}, or {@code null}. */
    public byte[] header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                return headers.get(i).value();
            }
        }
        return null;
    }

    /** The key as UTF-8 text, or {@code null}. */
    public String keyAsString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The value as UTF-8 text, or {@code null}. */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KafkaRecord[" + topic + "-" + partition + "@" + offset + ", key=" + keyAsString() + ", "
                + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
