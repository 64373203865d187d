package io.sluice.runtime.process;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Reading and writing the snapshot form of state cells. Every cell starts with its expiry; values inside
 * a cell are framed by their length so one codec's bytes never bleed into the next:
 * <pre>
 *   long  expiresAt            (Long.MAX_VALUE: no time-to-live)
 *   ...   the cell's contents  (see each handle's CODEC)
 *   framed value = int length, then length bytes of the value's codec
 * </pre>
 * A reader is a cursor over one cell's bytes. Not thread-safe; used only while snapshotting and restoring.
 */
final class CellBytes {

    private final byte[] bytes;
    private final int end;
    private int pos;

    CellBytes(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    long readLong() throws IOException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (bytes[pos++] & 0xff);
        }
        return v;
    }

    int readInt() throws IOException {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | (bytes[pos++] & 0xff);
        }
        return v;
    }

    /** A count of entries that each take at least {@code minBytes}, checked against what is left. */
    int readCount(int minBytes) throws IOException {
        int n = readInt();
        if (n < 0 || (long) n * minBytes > end - pos) {
            throw new IOException("corrupt state cell: " + n + " entries in " + (end - pos) + " bytes");
        }
        return n;
    }

    <T> T readFramed(Codec<T> codec) throws IOException {
        int length = readInt();
        need(length);
        T value = codec.decode(bytes, pos, length);
        pos += length;
        return value;
    }

    /** The rest of the cell, decoded by {@code codec}. */
    <T> T readRest(Codec<T> codec) throws IOException {
        T value = codec.decode(bytes, pos, end - pos);
        pos = end;
        return value;
    }

    void expectEnd() throws IOException {
        if (pos != end) {
            throw new IOException("corrupt state cell: " + (end - pos) + " bytes left over");
        }
    }

    @SuppressWarnings("unchecked")
    static void writeFramed(DataOutputStream out, Codec<?> codec, Object value) throws IOException {
        byte[] encoded = ((Codec<Object>) codec).encode(value);
        out.writeInt(encoded.length);
        out.write(encoded);
    }

    private void need(int n) throws IOException {
        if (n < 0 || end - pos < n) {
            throw new IOException("corrupt state cell: needs " + n + " more bytes, has " + (end - pos));
        }
    }
}
