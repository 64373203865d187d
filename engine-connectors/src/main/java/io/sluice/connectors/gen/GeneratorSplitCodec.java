package io.sluice.connectors.gen;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The checkpoint form of a {@link GeneratorSplit}: 17 bytes, big-endian.
 *
 * <pre>
 *  0         1                 5                 9                                  17
 *  +---------+-----------------+-----------------+----------------------------------+
 *  | version | index (int32)   | stride (int32)  | next (int64)                     |
 *  +---------+-----------------+-----------------+----------------------------------+
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class GeneratorSplitCodec implements Codec<SourceSplit> {

    static final GeneratorSplitCodec INSTANCE = new GeneratorSplitCodec();

    static final byte VERSION = 1;
    static final int VERSION_OFFSET = 0;
    static final int INDEX_OFFSET = 1;
    static final int STRIDE_OFFSET = 5;
    static final int NEXT_OFFSET = 9;
    static final int LENGTH = 17;

    private GeneratorSplitCodec() {
    }

    @Override
    public Class<SourceSplit> type() {
        return SourceSplit.class;
    }

    @Override
    public void encode(SourceSplit value, OutputStream out) throws IOException {
        if (!(value instanceof GeneratorSplit split)) {
            throw new IOException("not a generator split: " + value);
        }
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        buf.put(VERSION_OFFSET, VERSION)
                .putInt(INDEX_OFFSET, split.index())
                .putInt(STRIDE_OFFSET, split.stride())
                .putLong(NEXT_OFFSET, split.next());
        out.write(buf.array());
    }

    @Override
    public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
        if (length != LENGTH) {
            throw new IOException("generator split must be " + LENGTH + " bytes, got " + length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length).slice();
        if (buf.get(VERSION_OFFSET) != VERSION) {
            throw new IOException("unknown generator split version " + buf.get(VERSION_OFFSET));
        }
        try {
            return new GeneratorSplit(buf.getInt(INDEX_OFFSET), buf.getInt(STRIDE_OFFSET), buf.getLong(NEXT_OFFSET));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "GeneratorSplitCodec";
    }
}
