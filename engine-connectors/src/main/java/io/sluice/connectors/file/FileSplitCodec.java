package io.sluice.connectors.file;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint form of a {@link FileSplit}, big-endian:
 *
 * <pre>
 *  0         1                   5                5+n               13+n              21+n
 *  +---------+-------------------+----------------+-----------------+-----------------+
 *  | version | path length n     | path (UTF-8,   | offset (int64)  | line (int64)    |
 *  |  (1)    | (int32)           |  n bytes)      |                 |                 |
 *  +---------+-------------------+----------------+-----------------+-----------------+
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class FileSplitCodec implements Codec<SourceSplit> {

    static final FileSplitCodec INSTANCE = new FileSplitCodec();

    static final byte VERSION = 1;
    /** Version and path length. */
    static final int HEADER_LENGTH = 5;
    /** Offset and line. */
    static final int TRAILER_LENGTH = 16;

    private FileSplitCodec() {
    }

    @Override
    public Class<SourceSplit> type() {
        return SourceSplit.class;
    }

    @Override
    public void encode(SourceSplit value, OutputStream out) throws IOException {
        if (!(value instanceof FileSplit split)) {
            throw new IOException("not a file split: " + value);
        }
        byte[] path = split.path().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + path.length + TRAILER_LENGTH);
        buf.put(VERSION).putInt(path.length).put(path).putLong(split.offset()).putLong(split.line());
        out.write(buf.array());
    }

    @Override
    public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
        if (length < HEADER_LENGTH + TRAILER_LENGTH) {
            throw new IOException("file split too short: " + length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IOException("unknown file split version " + version);
        }
        int pathLength = buf.getInt();
        if (pathLength != length - HEADER_LENGTH - TRAILER_LENGTH) {
            throw new IOException("file split of " + length + " bytes cannot hold a path of " + pathLength);
        }
        String path = new String(bytes, buf.position(), pathLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + pathLength);
        try {
            return new FileSplit(path, buf.getLong(), buf.getLong());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FileSplitCodec";
    }
}
