package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint form of a {@link ChronicleSplit}, big-endian:
 *
 * <pre>
 *  0         1                 5               5+n               13+n       14+n               22+n
 *  +---------+-----------------+---------------+-----------------+----------+------------------+
 *  | version | dir length n    | dir (UTF-8,   | index (int64,   | after    | stop index       |
 *  |  (1)    | (int32)         |  n bytes)     |  -1 = start)    | (0 or 1) | (int64, -1 none) |
 *  +---------+-----------------+---------------+-----------------+----------+------------------+
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class ChronicleSplitCodec implements Codec<SourceSplit> {

    static final ChronicleSplitCodec INSTANCE = new ChronicleSplitCodec();

    static final byte VERSION = 1;
    static final int HEADER_LENGTH = 5;
    static final int TRAILER_LENGTH = 17;

    private ChronicleSplitCodec() {
    }

    @Override
    public Class<SourceSplit> type() {
        return SourceSplit.class;
    }

    @Override
    public void encode(SourceSplit value, OutputStream out) throws IOException {
        if (!(value instanceof ChronicleSplit split)) {
            throw new IOException("not a chronicle split: " + value);
        }
        byte[] dir = split.dir().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + dir.length + TRAILER_LENGTH);
        buf.put(VERSION).putInt(dir.length).put(dir).putLong(split.index()).put((byte) (split.after() ? 1 : 0))
                .putLong(split.stopIndex());
        out.write(buf.array());
    }

    @Override
    public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
        if (length < HEADER_LENGTH + TRAILER_LENGTH) {
            throw new IOException("chronicle split too short: " + length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IOException("unknown chronicle split version " + version);
        }
        int dirLength = buf.getInt();
        if (dirLength != length - HEADER_LENGTH - TRAILER_LENGTH) {
            throw new IOException("chronicle split of " + length + " bytes cannot hold a path of " + dirLength);
        }
        String dir = new String(bytes, buf.position(), dirLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + dirLength);
        try {
            return new ChronicleSplit(dir, buf.getLong(), buf.get() != 0, buf.getLong());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ChronicleSplitCodec";
    }
}
