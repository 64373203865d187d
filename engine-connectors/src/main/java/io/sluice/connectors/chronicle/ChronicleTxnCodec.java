package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The checkpoint form of a {@link ChronicleTxn} (the operator state of an exactly-once {@code chronicle:} sink),
 * big-endian:
 *
 * <pre>
 *  0         1                 9                    17                25
 *  +---------+-----------------+--------------------+-----------------+
 *  | version | run (int64)     | checkpoint (int64) | count (int64)   |
 *  |  (1)    |                 |                    |                 |
 *  +---------+-----------------+--------------------+-----------------+
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class ChronicleTxnCodec implements Codec<ChronicleTxn> {

    static final ChronicleTxnCodec INSTANCE = new ChronicleTxnCodec();
    static final byte VERSION = 1;
    static final int LENGTH = 25;

    private ChronicleTxnCodec() {
    }

    @Override
    public Class<ChronicleTxn> type() {
        return ChronicleTxn.class;
    }

    @Override
    public void encode(ChronicleTxn txn, OutputStream out) throws IOException {
        out.write(ByteBuffer.allocate(LENGTH).put(VERSION).putLong(txn.run()).putLong(txn.checkpointId())
                .putLong(txn.count()).array());
    }

    @Override
    public ChronicleTxn decode(byte[] bytes, int offset, int length) throws IOException {
        if (length != LENGTH) {
            throw new IOException("a chronicle transaction takes " + LENGTH + " bytes, got " + length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IOException("unknown chronicle transaction version " + version);
        }
        return new ChronicleTxn(buf.getLong(), buf.getLong(), buf.getLong());
    }

    @Override
    public String toString() {
        return "ChronicleTxnCodec";
    }
}
