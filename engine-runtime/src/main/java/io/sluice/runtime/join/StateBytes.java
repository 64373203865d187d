package io.sluice.runtime.join;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reading and writing the parts of the join state codecs: items framed by their length, and
 * {@link TimedBuffer}s. Everything big-endian.
 *
 * <pre>
 *   framed item   int length L, then L bytes of the item's codec
 *   timed buffer  int count N, then N x { long timestamp, framed item }
 * </pre>
 */
final class StateBytes {

    private StateBytes() {
    }

    static void writeItem(DataOutputStream out, Codec<Object> codec, Object item) throws IOException {
        byte[] bytes = codec.encode(item);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads an item at {@code in}'s position, whose backing array is {@code bytes}. */
    static Object readItem(byte[] bytes, ByteBuffer in, Codec<Object> codec) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("corrupt join state: item length " + length + ", " + in.remaining() + " bytes left");
        }
        int at = in.position();
        Object item = codec.decode(bytes, at, length);
        in.position(at + length);
        return item;
    }

    static void writeBuffer(DataOutputStream out, Codec<Object> codec, TimedBuffer buffer) throws IOException {
        out.writeInt(buffer.size());
        for (int i = 0; i < buffer.size(); i++) {
            out.writeLong(buffer.timestamp(i));
            writeItem(out, codec, buffer.item(i));
        }
    }

    static TimedBuffer readBuffer(byte[] bytes, ByteBuffer in, Codec<Object> codec) throws IOException {
        int n = readCount(in);
        TimedBuffer buffer = new TimedBuffer(n);
        for (int i = 0; i < n; i++) {
            long timestamp = in.getLong();
            buffer.add(timestamp, readItem(bytes, in, codec));
        }
        return buffer;
    }

    static int readCount(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("corrupt join state: count " + n + ", " + in.remaining() + " bytes left");
        }
        return n;
    }
}
