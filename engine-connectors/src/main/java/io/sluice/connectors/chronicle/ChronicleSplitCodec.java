package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint form of a {@link ChronicleSplit}, big-endian, version 2:
 *
 * <pre>
 *  0         1               5              5+n              13+n       14+n                 18+n               26+n
 *  +---------+---------------+--------------+----------------+----------+--------------------+------------------+
 *  | version | dir length n  | dir (UTF-8,  | index (int64,  | after    | offset (int32,     | stop index       |
 *  |  (2)    | (int32)       |  n bytes)    |  -1 = start)   | (0 or 1) | records read in it)| (int64, -1 none) |
 *  +---------+---------------+--------------+----------------+----------+--------------------+------------------+
 * </pre>
 *
 * Version 1 (before batched excerpts) is the same without the offset, and still read (offset 0).
 * Stateless and thread-safe.
 */
final class ChronicleSplitCodec implements Codec<SourceSplit> {

    static final ChronicleSplitCodec INSTANCE = new ChronicleSplitCodec();

    static final byte VERSION = 2;
    static final byte VERSION_WITHOUT_OFFSET = 1;
    static final int HEADER_LENGTH = 5;
    static final int TRAILER_LENGTH = 21;
    private static final int TRAILER_LENGTH_WITHOUT_OFFSET = 17;

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
                .putInt(split.offset()).putLong(split.stopIndex());
        out.write(buf.array());
    }

    @Override
    public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
        if (length < HEADER_LENGTH + TRAILER_LENGTH_WITHOUT_OFFSET) {
            throw new IOException("chronicle split too short: " + length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        byte version = buf.get();
        if (version != VERSION && version != VERSION_WITHOUT_OFFSET) {
            throw new IOException("unknown chronicle split version " + version + " (this reader knows 1 and 2)");
        }
        int trailer = version == VERSION ? TRAILER_LENGTH : TRAILER_LENGTH_WITHOUT_OFFSET;
        int dirLength = buf.getInt();
        if (dirLength != length - HEADER_LENGTH - trailer) {
            throw new IOException("chronicle split of " + length + " bytes cannot hold a path of " + dirLength);
        }
        String dir = new String(bytes, buf.position(), dirLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + dirLength);
        try {
            long index = buf.getLong();
            boolean after = buf.get() != 0;
            int recordOffset = version == VERSION ? buf.getInt() : 0;
            return new ChronicleSplit(dir, index, after, recordOffset, buf.getLong());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ChronicleSplitCodec";
    }
}
