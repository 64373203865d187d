package io.sluice.connectors.kafka;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint form of a {@link KafkaTransaction}, big-endian:
 *
 * <pre>
 *  0         1                 3                    3+n               11+n          13+n
 *  +---------+-----------------+--------------------+-----------------+-------------+-------------------+
 *  | version | id length n     | transactional id   | producer id     | epoch       | flags (bit 0:     |
 *  |  (1)    | (uint16)        | (UTF-8, n bytes)   | (int64)         | (int16)     |  transaction v2)  |
 *  +---------+-----------------+--------------------+-----------------+-------------+-------------------+
 * </pre>
 *
 * An empty transaction has {@code n = 0}. Stateless and thread-safe.
 */
final class KafkaTransactionCodec implements Codec<KafkaTransaction> {

    static final KafkaTransactionCodec INSTANCE = new KafkaTransactionCodec();

    static final byte VERSION = 1;
    /** Version and id length. */
    static final int HEADER_LENGTH = 3;
    /** Producer id, epoch, flags. */
    static final int TRAILER_LENGTH = 11;
    static final byte FLAG_TRANSACTION_V2 = 1;

    private KafkaTransactionCodec() {
    }

    @Override
    public Class<KafkaTransaction> type() {
        return KafkaTransaction.class;
    }

    @Override
    public void encode(KafkaTransaction value, OutputStream out) throws IOException {
        byte[] id = value.transactionalId().getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xffff) {
            throw new IOException("transactional id too long: " + id.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + id.length + TRAILER_LENGTH);
        buf.put(VERSION).putShort((short) id.length).put(id).putLong(value.producerId()).putShort(value.epoch())
                .put(value.transactionV2() ? FLAG_TRANSACTION_V2 : 0);
        out.write(buf.array());
    }

    @Override
    public KafkaTransaction decode(byte[] bytes, int offset, int length) throws IOException {
        if (length < HEADER_LENGTH + TRAILER_LENGTH) {
            throw new IOException("kafka transaction too short: " + length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IOException("unknown kafka transaction version " + version);
        }
        int idLength = buf.getShort() & 0xffff;
        if (idLength != length - HEADER_LENGTH - TRAILER_LENGTH) {
            throw new IOException("kafka transaction of " + length + " bytes cannot hold an id of " + idLength);
        }
        String id = new String(bytes, buf.position(), idLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + idLength);
        long producerId = buf.getLong();
        short epoch = buf.getShort();
        boolean v2 = (buf.get() & FLAG_TRANSACTION_V2) != 0;
        return id.isEmpty() ? KafkaTransaction.EMPTY : new KafkaTransaction(id, producerId, epoch, v2);
    }

    @Override
    public String toString() {
        return "KafkaTransactionCodec";
    }
}
