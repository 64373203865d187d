package io.sluice.runtime.window;

import io.sluice.api.codec.Codec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The slices of one key (tumbling windows: the windows themselves): one accumulator per slice, sorted by slice
 * start, in two parallel arrays. A key rarely has more than a few open slices, and in-order events hit the
 * last one, so lookups scan from the end.
 */
final class Slices extends KeyWindows {

    long[] starts = new long[2];
    Object[] accs = new Object[2];
    int size;

    @Override
    boolean isEmpty() {
        return size == 0;
    }

    /** The index of the slice starting at {@code start}, or {@code -(insertion point) - 1}. */
    int indexOf(long start) {
        for (int i = size - 1; i >= 0; i--) {
            long s = starts[i];
            if (s == start) {
                return i;
            }
            if (s < start) {
                return -(i + 1) - 1;
            }
        }
        return -1;
    }

    void insert(int at, long start, Object acc) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            accs = Arrays.copyOf(accs, size * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, size - at);
        System.arraycopy(accs, at, accs, at + 1, size - at);
        starts[at] = start;
        accs[at] = acc;
        size++;
    }

    /** Drops the first {@code n} slices. */
    void removeFirst(int n) {
        if (n == 0) {
            return;
        }
        System.arraycopy(starts, n, starts, 0, size - n);
        System.arraycopy(accs, n, accs, 0, size - n);
        Arrays.fill(accs, size - n, size, null);
        size -= n;
    }

    /**
     * The snapshot form of one key's slices, version {@value KeyWindows#LAYOUT_VERSION}:
     * <pre>
     *  0         1           9              17          21
     *  +---------+-----------+--------------+-----------+---------------------------------------------------+
     *  | version | timer i64 | timerSeq i64 | count i32 | count x { start i64, acc length i32, acc bytes }    |
     *  +---------+-----------+--------------+-----------+---------------------------------------------------+
     * </pre>
     * Accumulators are written with the aggregation's own codec.
     */
    static final class SlicesCodec implements Codec<KeyWindows> {
        private final Codec<Object> accCodec;

        SlicesCodec(Codec<Object> accCodec) {
            this.accCodec = accCodec;
        }

        @Override
        public Class<KeyWindows> type() {
            return KeyWindows.class;
        }

        @Override
        public void encode(KeyWindows value, OutputStream out) throws IOException {
            Slices s = (Slices) value;
            DataOutputStream data = new DataOutputStream(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeLong(s.timer);
            data.writeLong(s.timerSeq);
            data.writeInt(s.size);
            for (int i = 0; i < s.size; i++) {
                data.writeLong(s.starts[i]);
                byte[] acc = accCodec.encode(s.accs[i]);
                data.writeInt(acc.length);
                data.write(acc);
            }
            data.flush();
        }

        @Override
        public KeyWindows decode(byte[] bytes, int offset, int length) throws IOException {
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
                checkVersion(in.get(), "window slice");
                Slices s = new Slices();
                s.timer = in.getLong();
                s.timerSeq = in.getLong();
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 12) {
                    throw new IOException("corrupt window slice state: " + count + " slices");
                }
                for (int i = 0; i < count; i++) {
                    long start = in.getLong();
                    int accLength = in.getInt();
                    if (accLength < 0 || accLength > in.remaining()) {
                        throw new IOException("corrupt window slice state: accumulator of " + accLength + " bytes");
                    }
                    Object acc = accCodec.decode(bytes, in.position(), accLength);
                    in.position(in.position() + accLength);
                    s.insert(s.size, start, acc);
                }
                return s;
            } catch (BufferUnderflowException e) {
                throw new IOException("corrupt window slice state: truncated", e);
            }
        }
    }
}
