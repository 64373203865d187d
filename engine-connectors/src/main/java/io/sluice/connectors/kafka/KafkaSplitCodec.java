package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint form of a {@link KafkaSplit}, big-endian:
 *
 * <pre>
 *  0         1                 3               3+n               7+n                15+n               23+n
 *  +---------+-----------------+---------------+-----------------+------------------+------------------+
 *  | version | topic length n  | topic (UTF-8, | partition       | next offset      | stop offset      |
 *  |  (1)    | (uint16)        |  n bytes)     | (int32)         | (int64)          | (int64, -1=none) |
 *  +---------+-----------------+---------------+-----------------+------------------+------------------+
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class KafkaSplitCodec implements Codec<SourceSplit> {

    static final KafkaSplitCodec INSTANCE = new KafkaSplitCodec();

    static final byte VERSION = 1;
    /** Version and topic length. */
    static final int HEADER_LENGTH = 3;
    /** Partition, next and stop offset. */
    static final int TRAILER_LENGTH = 20;

    private KafkaSplitCodec() {
    }

    @Override
    public Class<SourceSplit> type() {
        return SourceSplit.class;
    }

    @Override
    public void encode(SourceSplit value, OutputStream out) throws IOException {
        if (!(value instanceof KafkaSplit split)) {
            throw new IOException("not a kafka split: " + value);
        }
        byte[] topic = split.topic().getBytes(StandardCharsets.UTF_8);
        if (topic.length > 0xffff) {
            throw new IOException("topic name too long: " + topic.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + topic.length + TRAILER_LENGTH);
        buf.put(VERSION).putShort((short) topic.length).put(topic)
                .putInt(split.partition()).putLong(split.nextOffset()).putLong(split.stopOffset());
        out.write(buf.array());
    }

    @Override
    public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
        if (length < HEADER_LENGTH + TRAILER_LENGTH) {
            throw new IOException("kafka split too short: " + length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IOException("unknown kafka split version " + version);
        }
        int topicLength = buf.getShort() & 0xffff;
        if (topicLength != length - HEADER_LENGTH - TRAILER_LENGTH) {
            throw new IOException("kafka split of " + length + " bytes cannot hold a topic of " + topicLength);
        }
        String topic = new String(bytes, buf.position(), topicLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + topicLength);
        try {
            return new KafkaSplit(topic, buf.getInt(), buf.getLong(), buf.getLong());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "KafkaSplitCodec";
    }
}
