package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The building blocks of the accumulator codecs in this package: big-endian primitives and
 * <em>framed</em> values, written as
 *
 * <pre>
 *  0                   4
 *  +-------------------+---------------------------+
 *  | length (int32 BE) | length bytes of the value |
 *  +-------------------+---------------------------+
 * </pre>
 *
 * so that a value encoded by a foreign {@link Codec} (an item codec, a part of a composite accumulator) can
 * sit next to others. Snapshots are written rarely compared to records, so writing may allocate (a
 * {@link DataOutputStream} and a scratch buffer per call); {@link Reader} reads straight from the array.
 */
final class AccumulatorIO {

    private AccumulatorIO() {
    }

    /** Wraps {@code out} for primitive writes; never close the result (that would close {@code out}). */
    static DataOutputStream data(OutputStream out) {
        return out instanceof DataOutputStream ? (DataOutputStream) out : new DataOutputStream(out);
    }

    /** Writes {@code value} with {@code codec}, preceded by its length. */
    static <V> void writeFramed(Codec<V> codec, V value, DataOutputStream out, ByteArrayOutputStream scratch)
            throws IOException {
        scratch.reset();
        codec.encode(value, scratch);
        out.writeInt(scratch.size());
        scratch.writeTo(out);
    }

    /** Throws unless {@code version} is {@code expected}: a layout we do not know must not be misread. */
    static void checkVersion(int version, int expected, String what) throws IOException {
        if (version != expected) {
            throw new IOException(what + " layout version " + version + " is not supported (expected "
                    + expected + "); was the snapshot written by a newer Sluice?");
        }
    }

    /** A bounds-checked cursor over {@code length} bytes of an array; every read past the end is an IOException. */
    static final class Reader {
        private final byte[] bytes;
        private final int end;
        private final String what;
        private int pos;

        Reader(byte[] bytes, int offset, int length, String what) throws IOException {
            if (offset < 0 || length < 0 || offset + length > bytes.length) {
                throw new IOException(what + ": range [" + offset + ", " + offset + "+" + length
                        + ") is outside an array of " + bytes.length + " bytes");
            }
            this.bytes = bytes;
            this.pos = offset;
            this.end = offset + length;
            this.what = what;
        }

        int readUnsignedByte() throws IOException {
            need(1);
            return bytes[pos++] & 0xff;
        }

        boolean readBoolean() throws IOException {
            int b = readUnsignedByte();
            if (b > 1) {
                throw new IOException(what + ": expected a boolean byte (0 or 1), got " + b);
            }
            return b == 1;
        }

        int readInt() throws IOException {
            need(4);
            int v = (bytes[pos] & 0xff) << 24 | (bytes[pos + 1] & 0xff) << 16
                    | (bytes[pos + 2] & 0xff) << 8 | (bytes[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        /** An int that counts something: negative or larger than the bytes left (at {@code minBytesEach}) is corrupt. */
        int readCount(int minBytesEach) throws IOException {
            int n = readInt();
            if (n < 0 || (long) n * minBytesEach > end - pos) {
                throw new IOException(what + ": count " + n + " does not fit in the " + (end - pos) + " bytes left");
            }
            return n;
        }

        long readLong() throws IOException {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (bytes[pos + i] & 0xff);
            }
            pos += 8;
            return v;
        }

        double readDouble() throws IOException {
            return Double.longBitsToDouble(readLong());
        }

        /** Copies {@code dst.length} bytes into {@code dst}. */
        void readFully(byte[] dst) throws IOException {
            need(dst.length);
            System.arraycopy(bytes, pos, dst, 0, dst.length);
            pos += dst.length;
        }

        /** Reads a value written by {@link AccumulatorIO#writeFramed}. */
        <V> V readFramed(Codec<V> codec) throws IOException {
            int length = readCount(1);
            V value = codec.decode(bytes, pos, length);
            pos += length;
            return value;
        }

        /** Throws if bytes are left: a longer input than the layout describes is corrupt, not ignorable. */
        void expectEnd() throws IOException {
            if (pos != end) {
                throw new IOException(what + ": " + (end - pos) + " unexpected trailing bytes");
            }
        }

        private void need(int n) throws IOException {
            if (end - pos < n) {
                throw new IOException(what + ": truncated, needs " + n + " more bytes at offset " + pos
                        + " but only " + (end - pos) + " are left");
            }
        }
    }
}
